using WarningDispatch.TestSupport;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WarningDispatch.Contracts;

namespace WarningDispatch.Service.Tests;

public class EndToEndTests : ServiceTest
{
    [Test]
    public async Task Raw_json_instruction_travels_the_whole_ladder_to_the_officers_screen_and_back_upstream()
    {
        await using var officer = await App.HubAsync("fs01a");
        await using var board = await App.HubAsync("duty");
        var instruction = App.Instruction("GX-E2E-0001", riskLevel: "Medium", phone: ServiceHost.SubjectPhone);
        var issuedAt = DateTimeOffset.Parse(instruction["issuedAt"]!.GetValue<string>());

        await App.PublishRawAsync(instruction.ToJsonString());

        var assigned = await officer.WaitForAsync(t => t.InstructionId == "GX-E2E-0001",
            "taskChanged on the officer's console");
        Assert.That((assigned.Status, assigned.PostId, assigned.OfficerId, assigned.Version),
            Is.EqualTo((DispatchStatus.Assigned, "HC-FS-01", "FS01A", 1)));
        Assert.That(assigned.Deadline, Is.EqualTo(issuedAt.AddMinutes(5)),
            "Medium risk: acknowledge within 5 min of issue");
        Assert.That(assigned.Subject.Phone, Is.EqualTo("+8613800000000"),
            "the assigned officer sees the number to call");
        Assert.That(assigned.History.Single(h => h.Code == HistoryAction.Routed).Detail,
            Does.Contain("jurisdiction post for region 451223"));
        var onBoard = await board.WaitForAsync(t => t.TaskId == assigned.TaskId, "taskChanged on the duty board");
        Assert.That(onBoard.Subject.Phone, Is.EqualTo("+86138****0000"), "the board masks personal data");

        var http = await App.ClientAsync("fs01a");
        var acked = await Act(http, $"/api/tasks/{assigned.TaskId}/acknowledge", new { actionId = "a1" });
        Assert.That((acked.Status, acked.Version), Is.EqualTo((DispatchStatus.PhoneWarning, 2)));

        var busy = await Act(http, $"/api/tasks/{assigned.TaskId}/call-result",
            new { actionId = "a2", result = "Busy" });
        Assert.That(busy.Status, Is.EqualTo(DispatchStatus.HomeVisit));
        Assert.That(busy.Deadline, Is.EqualTo(issuedAt.AddHours(4)),
            "HC-FS-01 is suburban: home visit within 4 h of issue");
        var homeVisitOnBoard = await board.WaitForAsync(t => t.TaskId == assigned.TaskId && t.Version == 3,
            "home visit on the board");
        Assert.That(homeVisitOnBoard.Status, Is.EqualTo(DispatchStatus.HomeVisit));

        await App.AdvanceAsync(issuedAt.AddHours(2) - App.Now);
        var halfway = await board.WaitForAsync(t => t.TaskId == assigned.TaskId && t.Version == 4,
            "50 % warning on the board");
        Assert.That(halfway.VisitWarnings, Is.EqualTo(new[] { 50 }));

        await Act(http, $"/api/tasks/{assigned.TaskId}/arrive", new { actionId = "a3" });
        var resolved = await Act(http, $"/api/tasks/{assigned.TaskId}/outcome",
            new { actionId = "a4", outcome = "FundsProtected", amount = 52000 });
        Assert.That((resolved.Status, resolved.Outcome, resolved.Amount),
            Is.EqualTo((DispatchStatus.Resolved, (TaskOutcome?)TaskOutcome.FundsProtected, (decimal?)52000m)));
        await officer.WaitForAsync(t => t.TaskId == assigned.TaskId && t.Status == DispatchStatus.Resolved,
            "resolution on the officer's console");

        var feedback = await Eventually.Until(() => App.FeedbackFor("GX-E2E-0001") is { Count: 4 } f ? f : null,
            "four feedback events");
        Assert.That(feedback.Select(f => f.Status),
            Is.EqualTo(new[] { FeedbackStatus.Accepted, FeedbackStatus.Assigned,
                FeedbackStatus.Escalated, FeedbackStatus.Resolved }));
        Assert.That(feedback.All(f => f.TaskId == assigned.TaskId), Is.True);
        Assert.That((feedback[1].PostId, feedback[1].OfficerId), Is.EqualTo(("HC-FS-01", "FS01A")));
        Assert.That(feedback[3].AmountProtected, Is.EqualTo(52000m));
        Assert.That(officer.ChangesOf(assigned.TaskId).Select(c => c.Version), Is.Ordered.Ascending,
            "versions never go back");
    }

    [Test]
    public async Task A_missed_acknowledgement_moves_the_task_to_the_next_officer_live_on_the_board()
    {
        await using var board = await App.HubAsync("duty.fs");
        await using var colleague = await App.HubAsync("fs01b");
        var response = await App.PostWarningAsync(App.Instruction("GX-ACK-0001", riskLevel: "High").ToJsonString());
        var taskId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("taskId").GetString()!;
        await board.WaitForAsync(t => t.TaskId == taskId && t.OfficerId == "FS01A", "first assignment");

        await App.AdvanceAsync(TimeSpan.FromSeconds(59));
        Assert.That(board.ChangesOf(taskId).Max(c => c.Version), Is.EqualTo(1),
            "High risk: 2 min from issue, issued 1 min ago; not yet due");
        await App.AdvanceAsync(TimeSpan.FromSeconds(1));

        var moved = await colleague.WaitForAsync(t => t.TaskId == taskId, "reassignment on the colleague's console");
        Assert.That((moved.OfficerId, moved.Version, moved.Status), Is.EqualTo(("FS01B", 2, DispatchStatus.Assigned)));
        Assert.That(moved.History.Select(h => h.Code).TakeLast(2),
            Is.EqualTo(new[] { HistoryAction.AckMissed, HistoryAction.Reassigned }));
        await board.WaitForAsync(t => t.TaskId == taskId && t.Version == 2, "reassignment on the board");
    }

    internal static async Task<TaskSnapshot> Act(HttpClient http, string path, object body)
    {
        var response = await http.PostAsJsonAsync(path, body);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<TaskSnapshot>(DispatchApp.Json))!;
    }
}
