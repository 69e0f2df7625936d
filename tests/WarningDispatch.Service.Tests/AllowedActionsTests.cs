using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WarningDispatch.Contracts;

namespace WarningDispatch.Service.Tests;

/// <summary>
/// Snapshots say what their reader may do now (<c>allowedActions</c>), over HTTP and in pushes; refusals say why
/// with a code a console translates.
/// </summary>
public class AllowedActionsTests : ServiceTest
{
    async Task<string> CreateAsync(string instructionId)
    {
        var response = await App.PostWarningAsync(App.Instruction(instructionId).ToJsonString());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("taskId").GetString()!;
    }

    static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    static string[] Actions(JsonElement snapshot) =>
        snapshot.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()!).ToArray();

    [Test]
    public async Task Each_reader_gets_their_own_actions_over_http_in_camel_case()
    {
        var taskId = await CreateAsync("GX-ALLOW-1");
        var officer = await App.ClientAsync("fs01a");
        var duty = await App.ClientAsync("duty");
        var other = await App.ClientAsync("fs01b");

        Assert.That(Actions(await JsonAsync(await officer.GetAsync($"/api/tasks/{taskId}"))),
            Is.EqualTo(new[] { "acknowledge", "note" }));
        Assert.That(Actions(await JsonAsync(await duty.GetAsync($"/api/tasks/{taskId}"))),
            Is.EqualTo(new[] { "escalate", "assign" }));
        Assert.That((await other.GetAsync($"/api/tasks/{taskId}")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));

        var acked = await JsonAsync(await officer.PostAsJsonAsync($"/api/tasks/{taskId}/acknowledge",
            new { actionId = "a-1" }));
        Assert.That(Actions(acked), Is.EqualTo(new[] { "callResult", "outcome", "attempt", "note" }),
            "the answer is the caller's view");
        var listed = await duty.GetFromJsonAsync<List<TaskSnapshot>>("/api/tasks?status=active", DispatchApp.Json);
        Assert.That(listed!.Single().AllowedActions, Is.EqualTo(new[]
            { TaskAction.CallResult, TaskAction.Outcome, TaskAction.Escalate, TaskAction.Assign, TaskAction.Attempt }));
    }

    [Test]
    public async Task Pushes_carry_the_actions_of_each_groups_role()
    {
        await using var officerHub = await App.HubAsync("fs01a");
        await using var dutyHub = await App.HubAsync("duty");
        var taskId = await CreateAsync("GX-ALLOW-2");

        var forOfficer = await officerHub.WaitForAsync(t => t.TaskId == taskId, "the officer's push");
        var forDuty = await dutyHub.WaitForAsync(t => t.TaskId == taskId, "the board's push");
        Assert.That(forOfficer.AllowedActions, Is.EqualTo(new[] { TaskAction.Acknowledge, TaskAction.Note }));
        Assert.That(forDuty.AllowedActions, Is.EqualTo(new[] { TaskAction.Escalate, TaskAction.Assign }));

        var officer = await App.ClientAsync("fs01a");
        await officer.PostAsJsonAsync($"/api/tasks/{taskId}/acknowledge", new { actionId = "a-1" });
        var acked = await officerHub.WaitForAsync(t => t.TaskId == taskId && t.Version == 2, "acknowledged");
        var ackedOnBoard = await dutyHub.WaitForAsync(t => t.TaskId == taskId && t.Version == 2, "on the board");
        Assert.That(acked.AllowedActions,
            Is.EqualTo(new[] { TaskAction.CallResult, TaskAction.Outcome, TaskAction.Attempt, TaskAction.Note }));
        Assert.That(ackedOnBoard.AllowedActions, Is.EqualTo(new[]
            { TaskAction.CallResult, TaskAction.Outcome, TaskAction.Escalate, TaskAction.Assign, TaskAction.Attempt }));
    }

    [Test]
    public async Task Refusals_carry_a_code_parameters_and_a_chinese_first_detail()
    {
        var taskId = await CreateAsync("GX-ALLOW-3");
        var officer = await App.ClientAsync("fs01a");

        var conflict = await officer.PostAsJsonAsync($"/api/tasks/{taskId}/arrive", new { actionId = "a-1" });
        Assert.That(conflict.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        var problem = await JsonAsync(conflict);
        Assert.That(problem.GetProperty("code").GetString(), Is.EqualTo("NoHomeVisit"));
        Assert.That(problem.GetProperty("parameters").GetProperty("status").GetString(), Is.EqualTo("Assigned"));
        Assert.That(problem.GetProperty("detail").GetString(), Does.StartWith("当前没有进行中的上门劝阻"));

        var invalid = await JsonAsync(await officer.PostAsJsonAsync($"/api/tasks/{taskId}/call-result",
            new { actionId = "a-2", result = "busy" }));
        Assert.That(invalid.GetProperty("code").GetString(), Is.EqualTo("NotOneOf"));
        Assert.That(invalid.GetProperty("parameters").GetProperty("field").GetString(), Is.EqualTo("result"));
        Assert.That(invalid.GetProperty("errors").TryGetProperty("result", out _), Is.True);

        var notJson = await officer.PostAsync($"/api/tasks/{taskId}/acknowledge",
            new StringContent("{", System.Text.Encoding.UTF8, "application/json"));
        Assert.That((await JsonAsync(notJson)).GetProperty("code").GetString(), Is.EqualTo("InvalidJson"));

        var forbidden = await (await App.ClientAsync("fs01b")).PostAsJsonAsync($"/api/tasks/{taskId}/acknowledge",
            new { actionId = "b-1" });
        Assert.That((await JsonAsync(forbidden)).GetProperty("code").GetString(), Is.EqualTo("NotYourTask"));
        var missing = await officer.GetAsync("/api/tasks/no-such-task");
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await JsonAsync(missing)).GetProperty("code").GetString(), Is.EqualTo("TaskNotFound"));
    }
}
