using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using WarningDispatch.Contracts;
using WarningDispatch.TestSupport;

namespace WarningDispatch.Service.Tests;

/// <summary>
/// <c>POST /api/tasks/{taskId}/attempts</c>: each call to the person or a contact recorded, failing calls sending the
/// task to a home visit; the id number and the contacts are personal data, masked for boards without the right.
/// </summary>
public class ContactAttemptTests : ServiceTest
{
    const string IdNumber = "451223198001010013";
    const string SonName = "罗小明";
    const string SonPhone = "+8613900000001";
    const string NeighbourPhone = "+8613900000002";

    JsonObject WithContacts(string instructionId, bool onCallNow = false)
    {
        var json = App.Instruction(instructionId, onCallNow: onCallNow);
        json["subject"]!["idNumber"] = IdNumber;
        json["subject"]!["contacts"] = new JsonArray(
            new JsonObject { ["name"] = SonName, ["phone"] = SonPhone, ["relation"] = "儿子" },
            new JsonObject { ["phone"] = NeighbourPhone, ["relation"] = "邻居" });
        return json;
    }

    async Task<(string TaskId, HttpClient Officer)> AcknowledgedAsync(string instructionId, bool onCallNow = false)
    {
        var created = await App.PostWarningAsync(WithContacts(instructionId, onCallNow).ToJsonString());
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await created.Content.ReadAsStringAsync());
        var taskId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("taskId").GetString()!;
        var officer = await App.ClientAsync("fs01a");
        var acked = await officer.PostAsJsonAsync($"/api/tasks/{taskId}/acknowledge", new { actionId = "ack" });
        Assert.That(acked.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return (taskId, officer);
    }

    static async Task<TaskSnapshot> SnapshotAsync(HttpResponseMessage response)
    {
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<TaskSnapshot>(DispatchApp.Json))!;
    }

    [Test]
    public async Task Two_failed_calls_are_recorded_and_the_third_sends_the_officer_to_the_home()
    {
        var (taskId, officer) = await AcknowledgedAsync("GX-ATTEMPT-1");
        var url = $"/api/tasks/{taskId}/attempts";

        var first = await SnapshotAsync(await officer.PostAsJsonAsync(url,
            new { actionId = "c-1", contact = "subject", result = "NoAnswer" }));
        var second = await SnapshotAsync(await officer.PostAsJsonAsync(url,
            new { actionId = "c-2", contact = 0, result = "PoweredOff" }));
        var replayed = await SnapshotAsync(await officer.PostAsJsonAsync(url,
            new { actionId = "c-2", contact = 0, result = "PoweredOff" }));

        Assert.That(first.Attempts.Single().Contact, Is.Null, "the person's own line");
        Assert.That((second.Status, second.Attempts.Count), Is.EqualTo((DispatchStatus.PhoneWarning, 2)));
        Assert.That(second.Attempts[1], Is.EqualTo(new ContactAttempt
        {
            At = App.Now, Contact = 0, Result = AttemptResult.PoweredOff, OfficerId = "FS01A", UserId = "fs01a",
        }));
        Assert.That(replayed.Version, Is.EqualTo(second.Version), "the same action id changes nothing");
        Assert.That(second.AllowedActions, Does.Contain(TaskAction.Attempt));

        var third = await SnapshotAsync(await officer.PostAsJsonAsync(url,
            new { actionId = "c-3", contact = 1, result = "Busy" }));

        Assert.That(third.Status, Is.EqualTo(DispatchStatus.HomeVisit));
        var visit = third.History[^1];
        Assert.That((visit.Code, visit.Reasons.Single().Code, visit.Reasons.Single().Parameters["count"]),
            Is.EqualTo((HistoryAction.HomeVisit, ReasonCode.AttemptsFailed, "3")));
        Assert.That(third.History.Count(h => h.Code == HistoryAction.ContactAttempted), Is.EqualTo(3));
        await Eventually.Until(() => App.FeedbackFor("GX-ATTEMPT-1")
                .FirstOrDefault(f => f.Status == FeedbackStatus.Escalated),
            "Escalated feedback upstream");
    }

    [Test]
    public async Task The_persons_line_busy_while_on_a_call_sends_the_task_to_a_home_visit_at_once()
    {
        var (taskId, officer) = await AcknowledgedAsync("GX-ATTEMPT-2", onCallNow: true);

        var busy = await SnapshotAsync(await officer.PostAsJsonAsync($"/api/tasks/{taskId}/attempts",
            new { actionId = "c-1", contact = "subject", result = "Busy" }));

        Assert.That(busy.Status, Is.EqualTo(DispatchStatus.HomeVisit));
        Assert.That(busy.History[^1].Reasons.Single().Code, Is.EqualTo(ReasonCode.BusyWhileOnCall));
    }

    [Test]
    public async Task The_number_of_failed_calls_before_a_visit_is_configuration()
    {
        await App.DisposeAsync();
        await using var app = new DispatchApp(b => b.UseSetting("Contact:FailedAttemptsBeforeVisit", "1"));
        await app.StartAsync();
        var created = await app.PostWarningAsync(app.Instruction("GX-ATTEMPT-3").ToJsonString());
        var taskId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("taskId").GetString()!;
        var officer = await app.ClientAsync("fs01a");
        await officer.PostAsJsonAsync($"/api/tasks/{taskId}/acknowledge", new { actionId = "ack" });

        var once = await SnapshotAsync(await officer.PostAsJsonAsync($"/api/tasks/{taskId}/attempts",
            new { actionId = "c-1", contact = "subject", result = "NoAnswer" }));

        Assert.That(once.Status, Is.EqualTo(DispatchStatus.HomeVisit));
    }

    [Test]
    public async Task A_policy_of_no_failed_calls_stops_the_service_at_start()
    {
        await using var app = new DispatchApp(b => b.UseSetting("Contact:FailedAttemptsBeforeVisit", "0"));

        var refused = Assert.ThrowsAsync<OptionsValidationException>(app.StartAsync);
        Assert.That(refused!.Message, Does.Contain("Contact:FailedAttemptsBeforeVisit"));
    }

    [TestCase("""{"actionId":"x","contact":"Subject","result":"NoAnswer"}""", "contact", "UnknownContact")]
    [TestCase("""{"actionId":"x","contact":2,"result":"NoAnswer"}""", "contact", "UnknownContact")]
    [TestCase("""{"actionId":"x","contact":-1,"result":"NoAnswer"}""", "contact", "UnknownContact")]
    [TestCase("""{"actionId":"x","contact":1.5,"result":"NoAnswer"}""", "contact", "UnknownContact")]
    [TestCase("""{"actionId":"x","result":"NoAnswer"}""", "contact", "UnknownContact")]
    [TestCase("""{"actionId":"x","contact":0,"result":"busy"}""", "result", "NotOneOf")]
    [TestCase("""{"actionId":"x","contact":0,"result":"Busy,NoAnswer"}""", "result", "NotOneOf")]
    [TestCase("""{"actionId":"x","contact":0}""", "result", "NotOneOf")]
    [TestCase("""{"contact":0,"result":"Busy"}""", "actionId", "ActionIdRequired")]
    [TestCase("""{"actionId":"x","contact":0,"result":3}""", "result", "MustBeString")]
    public async Task A_bad_body_is_answered_400_naming_the_field(string body, string field, string code)
    {
        var (taskId, officer) = await AcknowledgedAsync("GX-ATTEMPT-BAD");

        var response = await officer.PostAsync($"/api/tasks/{taskId}/attempts",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(problem.GetProperty("errors").EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { field }));
        Assert.That(problem.GetProperty("code").GetString(), Is.EqualTo(code));
        var task = await officer.GetFromJsonAsync<TaskSnapshot>($"/api/tasks/{taskId}", DispatchApp.Json);
        Assert.That(task!.Attempts, Is.Empty);
    }

    [Test]
    public async Task Another_officer_gets_403_and_a_call_before_the_acknowledgement_409()
    {
        var created = await App.PostWarningAsync(WithContacts("GX-ATTEMPT-4").ToJsonString());
        var taskId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("taskId").GetString()!;
        var other = await App.ClientAsync("fs01b");
        var officer = await App.ClientAsync("fs01a");
        var url = $"/api/tasks/{taskId}/attempts";

        var forbidden = await other.PostAsJsonAsync(url, new { actionId = "c-1", contact = 0, result = "Busy" });
        var badIndex = await other.PostAsJsonAsync(url, new { actionId = "c-1", contact = "x", result = "Busy" });
        var early = await officer.PostAsJsonAsync(url, new { actionId = "c-1", contact = 0, result = "Busy" });

        Assert.That((forbidden.StatusCode, badIndex.StatusCode), Is.EqualTo((HttpStatusCode.Forbidden,
            HttpStatusCode.Forbidden)), "nothing about the task's contacts to someone who may not see it");
        Assert.That(early.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That((await early.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString(),
            Is.EqualTo("NoPhoneWarning"));
    }

    [Test]
    public async Task A_board_without_personal_data_rights_sees_no_contact_name_or_number_and_no_id_number()
    {
        var (taskId, officer) = await AcknowledgedAsync("GX-ATTEMPT-5");
        await officer.PostAsJsonAsync($"/api/tasks/{taskId}/attempts",
            new { actionId = "c-1", contact = 0, result = "NoAnswer" });
        var duty = await App.ClientAsync("duty");

        var boardText = await duty.GetStringAsync($"/api/tasks/{taskId}");
        var board = JsonSerializer.Deserialize<TaskSnapshot>(boardText, DispatchApp.Json)!;
        var mine = (await officer.GetFromJsonAsync<TaskSnapshot>($"/api/tasks/{taskId}", DispatchApp.Json))!;

        foreach (var secret in new[] { SonName, SonPhone[3..], NeighbourPhone[3..], IdNumber[6..14] })
            Assert.That(boardText, Does.Not.Contain(secret));
        Assert.That(board.Subject.IdNumber, Does.Not.Match("[0-9]"));
        Assert.That(board.Subject.Contacts!.Select(c => c.Relation), Is.EqualTo(new[] { "儿子", "邻居" }));
        Assert.That(board.Attempts.Single().Contact, Is.EqualTo(0), "the board sees who was called, by index");
        Assert.That((mine.Subject.IdNumber, mine.Subject.Contacts![0].Name, mine.Subject.Contacts[0].Phone),
            Is.EqualTo((IdNumber, SonName, SonPhone)), "the assigned officer sees them in full");
    }

    [Test]
    public async Task A_rejected_body_shows_a_board_no_id_number_and_no_contact()
    {
        var bad = WithContacts("GX-ATTEMPT-REJ");
        bad["subject"]!["idNumber"] = "451223198001010014";
        var response = await App.PostWarningAsync(bad.ToJsonString());
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(problem.GetProperty("errors").EnumerateObject().Select(p => p.Name),
            Is.EqualTo(new[] { "subject.idNumber" }));
        var duty = await App.ClientAsync("duty");

        var kept = await duty.GetStringAsync($"/api/rejections/{problem.GetProperty("rejectionId").GetString()}");

        foreach (var secret in new[] { "45122319800101", SonName, SonPhone[3..], NeighbourPhone[3..] })
            Assert.That(kept, Does.Not.Contain(secret));
    }
}
