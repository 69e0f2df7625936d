using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WarningDispatch.Contracts;

namespace WarningDispatch.Service.Tests;

public class ActionIdTests : ServiceTest
{
    async Task<string> CreateAsync(string instructionId)
    {
        var response = await App.PostWarningAsync(App.Instruction(instructionId).ToJsonString());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("taskId").GetString()!;
    }

    async Task<TaskSnapshot> GetAsync(string taskId)
    {
        var duty = await App.ClientAsync("duty");
        return (await duty.GetFromJsonAsync<TaskSnapshot>($"/api/tasks/{taskId}", DispatchApp.Json))!;
    }

    static async Task<JsonElement> ConflictAsync(HttpClient http, string path, object body)
    {
        var response = await http.PostAsJsonAsync(path, body);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict),
            await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Test]
    public async Task An_acknowledge_id_reused_for_a_call_result_is_refused_with_409_and_changes_nothing()
    {
        var taskId = await CreateAsync("GX-ID-1");
        var http = await App.ClientAsync("fs01a");
        var acked = await EndToEndTests.Act(http, $"/api/tasks/{taskId}/acknowledge", new { actionId = "a-1" });

        var problem = await ConflictAsync(http, $"/api/tasks/{taskId}/call-result",
            new { actionId = "a-1", result = "ReachedAndDissuaded" });

        Assert.That(problem.GetProperty("detail").GetString(),
            Does.StartWith("操作编号 a-1 已用于另一操作"));
        var task = await GetAsync(taskId);
        Assert.That((task.Status, task.Version, task.Outcome),
            Is.EqualTo((DispatchStatus.PhoneWarning, acked.Version, (TaskOutcome?)null)));
    }

    [Test]
    public async Task An_outcome_id_reused_with_another_outcome_and_amount_is_refused_with_409()
    {
        var taskId = await CreateAsync("GX-ID-2");
        var http = await App.ClientAsync("fs01a");
        await EndToEndTests.Act(http, $"/api/tasks/{taskId}/acknowledge", new { actionId = "a-1" });
        var resolved = await EndToEndTests.Act(http, $"/api/tasks/{taskId}/outcome",
            new { actionId = "o-1", outcome = "FundsProtected", amount = 100 });

        await ConflictAsync(http, $"/api/tasks/{taskId}/outcome",
            new { actionId = "o-1", outcome = "AlreadyDefrauded", amount = 999999 });

        var task = await GetAsync(taskId);
        Assert.That((task.Outcome, task.Amount, task.Version),
            Is.EqualTo(((TaskOutcome?)TaskOutcome.FundsProtected, (decimal?)100, resolved.Version)));
        Assert.That(App.FeedbackFor("GX-ID-2").Count(f => f.Status == FeedbackStatus.Resolved), Is.EqualTo(1));
    }

    [Test]
    public async Task The_same_id_with_the_same_payload_answers_200_with_the_version_unchanged()
    {
        var taskId = await CreateAsync("GX-ID-3");
        var http = await App.ClientAsync("fs01a");
        await EndToEndTests.Act(http, $"/api/tasks/{taskId}/acknowledge", new { actionId = "a-1" });
        var first = await EndToEndTests.Act(http, $"/api/tasks/{taskId}/outcome",
            new { actionId = "o-1", outcome = "FundsProtected", amount = 100 });

        var replay = await EndToEndTests.Act(http, $"/api/tasks/{taskId}/outcome",
            new { actionId = "o-1", outcome = "FundsProtected", amount = 100.00m });

        Assert.That((replay.Version, replay.Amount), Is.EqualTo((first.Version, (decimal?)100)));
    }

    [Test]
    public async Task The_first_of_66_assignments_replayed_is_not_applied_again()
    {
        var taskId = await CreateAsync("GX-ID-4");
        var duty = await App.ClientAsync("duty.fs");
        TaskSnapshot last = null!;
        for (var i = 0; i < 66; i++)
            last = await EndToEndTests.Act(duty, $"/api/tasks/{taskId}/assign",
                new { actionId = $"assign-{i}", officerId = i % 2 == 0 ? "FS01B" : "FS01A" });
        Assert.That(last.OfficerId, Is.EqualTo("FS01A"));

        var replay = await EndToEndTests.Act(duty, $"/api/tasks/{taskId}/assign",
            new { actionId = "assign-0", officerId = "FS01B" });

        Assert.That((replay.OfficerId, replay.Version), Is.EqualTo(("FS01A", last.Version)));
    }

    [TestCase("")]
    [TestCase("tab\tin-id")]
    [TestCase("zero\u200Bwidth")]
    public async Task An_action_id_with_invisible_characters_is_refused_with_400_naming_actionId(string actionId)
    {
        var taskId = await CreateAsync("GX-ID-5");
        var http = await App.ClientAsync("fs01a");

        var response = await http.PostAsJsonAsync($"/api/tasks/{taskId}/acknowledge", new { actionId });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(problem.GetProperty("errors").TryGetProperty("actionId", out _), Is.True, problem.ToString());
        Assert.That((await GetAsync(taskId)).Version, Is.EqualTo(1));
    }
}
