using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WarningDispatch.Contracts;
using WarningDispatch.Service.Ingest;
using WarningDispatch.TestSupport;

namespace WarningDispatch.Service.Tests;

/// <summary>
/// Updates to a warning in progress (INTERFACE.md §7) over HTTP and the in-process bus: every answer, the push to the
/// officer's console, re-routing of a task nobody acknowledged, and rejections kept for the bus.
/// </summary>
public class UpdateTests : ServiceTest
{
    static byte[] Bytes(JsonNode json) => Encoding.UTF8.GetBytes(json.ToJsonString());

    async Task<string> NewTaskAsync(string instructionId)
    {
        var response = await App.PostWarningAsync(App.Instruction(instructionId).ToJsonString());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("taskId").GetString()!;
    }

    JsonObject Update(string updateId, string instructionId) => BadUpdateCorpus.Valid(updateId, instructionId, App.Now);

    [Test]
    public async Task A_location_update_reaches_the_officers_console_with_the_mark_and_the_history_line()
    {
        var taskId = await NewTaskAsync("GX-UPD-1");
        var http = await App.ClientAsync("fs01a");
        await EndToEndTests.Act(http, $"/api/tasks/{taskId}/acknowledge", new { actionId = "a1" });
        await using var officer = await App.HubAsync("fs01a");
        await using var board = await App.HubAsync("duty");
        var update = Update("U-1", "GX-UPD-1");
        update["address"] = "凤山县某宾馆 302 房";

        var response = await App.PostUpdateAsync("GX-UPD-1", Bytes(update));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("taskId").GetString(),
            Is.EqualTo(taskId));
        var pushed = await officer.WaitForAsync(t => t.TaskId == taskId && t.LastUpdateAt is not null,
            "the updated task on the officer's console");
        Assert.That((pushed.Subject.Location!.Lat, pushed.Subject.Location.Lon), Is.EqualTo((24.546, 107.082)));
        Assert.That(pushed.Subject.Address, Is.EqualTo("凤山县某宾馆 302 房"));
        Assert.That(pushed.Context!.Note, Is.EqualTo("大数据显示其在宾馆房间"));
        Assert.That(pushed.LastUpdateAt, Is.EqualTo(App.Now));
        Assert.That((pushed.Status, pushed.OfficerId), Is.EqualTo((DispatchStatus.PhoneWarning, "FS01A")),
            "an acknowledged task stays with its officer");
        var line = pushed.History[^1];
        Assert.That((line.Code, line.Parameters["fields"]),
            Is.EqualTo((HistoryAction.Updated, "location,address,note")));
        var onBoard = await board.WaitForAsync(t => t.TaskId == taskId && t.LastUpdateAt is not null, "on the board");
        Assert.That(onBoard.Subject.Address, Does.Not.Contain("宾馆"), "the board masks the new address too");
        Assert.That(onBoard.Context!.Note, Does.Not.Contain("宾馆"));
    }

    [Test]
    public async Task The_same_update_twice_is_applied_once_and_the_same_id_with_another_payload_is_409()
    {
        var taskId = await NewTaskAsync("GX-UPD-2");
        var update = Update("U-2", "GX-UPD-2");
        await App.PostUpdateAsync("GX-UPD-2", Bytes(update));
        var version = await VersionAsync(taskId);

        var again = await App.PostUpdateAsync("GX-UPD-2", Bytes(update));
        update["note"] = "another note";
        var reused = await App.PostUpdateAsync("GX-UPD-2", Bytes(update));

        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("duplicate").GetBoolean());
        Assert.That(reused.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        var problem = await reused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(problem.GetProperty("code").GetString(), Is.EqualTo(nameof(ProblemCode.UpdateIdReused)));
        Assert.That(await VersionAsync(taskId), Is.EqualTo(version));
    }

    [Test]
    public async Task An_invalid_update_is_400_naming_every_broken_field_without_echoing_values()
    {
        await NewTaskAsync("GX-UPD-3");
        var update = Update("U-\u202e3", "GX-UPD-3");
        update["occurredAt"] = App.Now.AddMinutes(10).ToString("yyyy-MM-ddTHH:mm:sszzz");
        update["location"]!["lat"] = 91;
        update["amountAtRisk"] = "80000";
        update["note"] = "x\u0000secret";

        var response = await App.PostUpdateAsync("GX-UPD-3", Bytes(update));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
        var text = await response.Content.ReadAsStringAsync();
        var fields = JsonDocument.Parse(text).RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name);
        Assert.That(fields,
            Is.EquivalentTo(new[] { "updateId", "occurredAt", "location.lat", "amountAtRisk", "note" }));
        Assert.That(text, Does.Not.Contain("secret").And.Not.Contain("80000"));
    }

    [TestCaseSource(nameof(BadUpdates))]
    public async Task Every_bad_update_of_the_corpus_is_400_naming_its_field(BadInput bad)
    {
        await NewTaskAsync("GX-UPD-C");

        var response = await App.PostUpdateAsync("GX-UPD-C", bad.Body);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), bad.Name);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.That(fields, Does.Contain(bad.Field), bad.Name);
    }

    static IEnumerable<BadInput> BadUpdates() => BadUpdateCorpus.Cases("GX-UPD-C", DispatchApp.Start);

    [Test]
    public async Task A_body_for_another_instruction_than_the_path_is_400()
    {
        await NewTaskAsync("GX-UPD-4");

        var response = await App.PostUpdateAsync("GX-UPD-4", Bytes(Update("U-4", "GX-OTHER")));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(problem.GetProperty("errors").EnumerateObject().Single().Name, Is.EqualTo("instructionId"));
    }

    [Test]
    public async Task An_unknown_instruction_is_404_a_resolved_task_409_and_a_missing_key_401()
    {
        var taskId = await NewTaskAsync("GX-UPD-5");
        var http = await App.ClientAsync("fs01a");
        await EndToEndTests.Act(http, $"/api/tasks/{taskId}/acknowledge", new { actionId = "a1" });
        await EndToEndTests.Act(http, $"/api/tasks/{taskId}/call-result",
            new { actionId = "a2", result = "ReachedAndDissuaded" });

        var unknown = await App.PostUpdateAsync("GX-NOBODY", Bytes(Update("U-5", "GX-NOBODY")));
        var resolved = await App.PostUpdateAsync("GX-UPD-5", Bytes(Update("U-6", "GX-UPD-5")));
        var noKey = await App.PostUpdateAsync("GX-UPD-5", Bytes(Update("U-7", "GX-UPD-5")), apiKey: null);

        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(resolved.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That((await resolved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString(),
            Is.EqualTo(nameof(ProblemCode.TaskResolved)));
        Assert.That(noKey.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task An_update_over_the_size_cap_is_413()
    {
        await NewTaskAsync("GX-UPD-6");
        var update = Update("U-8", "GX-UPD-6");
        update["padding"] = new string('p', 70 * 1024);

        var response = await App.PostUpdateAsync("GX-UPD-6", Bytes(update));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
    }

    [Test]
    public async Task A_new_location_far_away_moves_an_unacknowledged_task_to_the_nearest_post_there()
    {
        var taskId = await NewTaskAsync("GX-UPD-7");
        await using var first = await App.HubAsync("fs01a");
        await using var board = await App.HubAsync("duty");
        var update = Update("U-9", "GX-UPD-7");
        update["location"] = new JsonObject { ["lat"] = 24.6958, ["lon"] = 108.0575 };

        var response = await App.PostUpdateAsync("GX-UPD-7", Bytes(update));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var moved = await board.WaitForAsync(t => t.TaskId == taskId && t.PostId == "HC-JC-01", "moved on the board");
        Assert.That(moved.Status, Is.EqualTo(DispatchStatus.Assigned));
        Assert.That(moved.History.TakeLast(2).Select(h => h.Code),
            Is.EqualTo(new[] { HistoryAction.Updated, HistoryAction.Reassigned }));
        Assert.That(moved.History[^1].Reasons[0].Code, Is.EqualTo(ReasonCode.LocationUpdated));
        await Eventually.Until(() => first.Withdrawals.Any(w => w.GetProperty("taskId").GetString() == taskId),
            "the first officer's console lets go of the task");
    }

    [Test]
    public async Task Over_the_bus_an_update_is_applied_and_one_that_cannot_be_is_kept_with_the_rejections()
    {
        var taskId = await NewTaskAsync("GX-UPD-8");
        await using var officer = await App.HubAsync("fs01a");
        var duty = await App.ClientAsync("duty");

        await App.PublishRawUpdateAsync(Update("U-10", "GX-UPD-8").ToJsonString());
        await App.PublishRawUpdateAsync(Update("U-11", "GX-NOBODY").ToJsonString());
        await App.PublishRawUpdateAsync("{\"updateId\": 1");

        await officer.WaitForAsync(t => t.TaskId == taskId && t.LastUpdateAt is not null, "the update on the console");
        var store = App.Services.GetRequiredService<IRejectionStore>();
        var kept = await Eventually.Until(async () =>
            (await store.ListAsync(null, 10, _ => true, CancellationToken.None))
            .Where(r => r.Channel == "updates").ToList() is { Count: 2 } list ? list : null, "two kept updates");
        Assert.That(kept.Select(r => r.Errors[0].Field), Is.EquivalentTo(new[] { "instructionId", "$" }));
        Assert.That(kept.Single(r => r.Errors[0].Field == "$").Errors[0].Message, Does.Contain("not valid JSON"));
        var listed = await duty.GetFromJsonAsync<JsonElement>("/api/rejections");
        Assert.That(listed.EnumerateArray().Count(r => r.GetProperty("channel").GetString() == "updates"),
            Is.EqualTo(2), "duty officers see kept updates");
        Assert.That(App.Feedback.Any(f => f.Status == FeedbackStatus.Rejected), Is.False,
            "no Rejected feedback: the instruction itself stands");
    }

    async Task<int> VersionAsync(string taskId)
    {
        var http = await App.ClientAsync("duty");
        return (await http.GetFromJsonAsync<TaskSnapshot>($"/api/tasks/{taskId}", DispatchApp.Json))!.Version;
    }
}
