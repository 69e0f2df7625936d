using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using WarningDispatch.Contracts;
using WarningDispatch.Service.FraudReports;
using WarningDispatch.Service.Ingest;
using WarningDispatch.TestSupport;

namespace WarningDispatch.Service.Tests;

/// <summary>
/// Fraud reports (INTERFACE.md §8) over HTTP and the in-process bus: the warnings about the same person are marked
/// "defrauded after warning" (history, live push, feedback with the amount), another person's are not, a report
/// applies once, one that matches nothing is listed, and an invalid one is answered and kept.
/// </summary>
public class FraudReportTests : ServiceTest
{
    const string IdA = "11010519900307005X";
    const string IdB = "452723198805120013";

    static string Time(DateTimeOffset at) =>
        at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);

    JsonObject Report(string reportId, string? phone, string? idNumber = null, decimal amountLost = 52000m)
    {
        var subject = new JsonObject { ["name"] = "罗某某" };
        if (phone is not null) subject["phone"] = phone;
        if (idNumber is not null) subject["idNumber"] = idNumber;
        return new JsonObject
        {
            ["reportId"] = reportId, ["reportedAt"] = Time(App.Now), ["occurredAt"] = Time(App.Now),
            ["subject"] = subject, ["amountLost"] = amountLost, ["fraudType"] = "ImpersonatingPolice",
        };
    }

    async Task<HttpResponseMessage> PostReportAsync(JsonNode report) => await PostReportAsync(report.ToJsonString());

    async Task<HttpResponseMessage> PostReportAsync(string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/fraud-reports")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Api-Key", DispatchApp.ApiKey);
        return await App.NewClient().SendAsync(request);
    }

    async Task<string> NewTaskAsync(string instructionId, string phone, string? idNumber = null)
    {
        var instruction = App.Instruction(instructionId, phone: phone);
        if (idNumber is not null) instruction["subject"]!["idNumber"] = idNumber;
        var response = await App.PostWarningAsync(instruction.ToJsonString());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("taskId").GetString()!;
    }

    async Task<TaskSnapshot> TaskAsync(HttpClient duty, string taskId) =>
        (await duty.GetFromJsonAsync<TaskSnapshot>($"/api/tasks/{taskId}", DispatchApp.Json))!;

    async Task<FraudReportPage> ListAsync(HttpClient client, bool matched) =>
        (await client.GetFromJsonAsync<FraudReportPage>($"/api/fraud-reports?matched={(matched ? "true" : "false")}",
            DispatchApp.Json))!;

    [Test]
    public async Task A_report_marks_the_persons_warnings_live_with_history_and_feedback_and_no_one_elses()
    {
        var byPhone = await NewTaskAsync("GX-FR-1", "+8613700000001", IdA);
        var otherIdSamePhone = await NewTaskAsync("GX-FR-2", "+8613700000001", IdB);
        var otherPerson = await NewTaskAsync("GX-FR-3", "+8613700000003");
        var byIdNumber = await NewTaskAsync("GX-FR-4", "+8613700000004", IdA);
        var duty = await App.ClientAsync("duty");
        await using var board = await App.HubAsync("duty");

        var response = await PostReportAsync(Report("FR-1", "+8613700000001", IdA, 52000.5m));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reportId").GetString(),
            Is.EqualTo("FR-1"));
        var pushed = await board.WaitForAsync(t => t.TaskId == byPhone && t.DefraudedAfterWarning is not null,
            "the marked task on the board");
        Assert.That(pushed.DefraudedAfterWarning, Is.EqualTo(new DefraudedAfterWarning
        {
            ReportId = "FR-1", OccurredAt = App.Now, AmountLost = 52000.5m,
        }));
        var line = pushed.History[^1];
        Assert.That((line.Code, line.Parameters["reportId"], line.Parameters["amountLost"]),
            Is.EqualTo((HistoryAction.DefraudedAfterWarning, "FR-1", "52000.5")));
        await board.WaitForAsync(t => t.TaskId == byIdNumber && t.DefraudedAfterWarning is not null,
            "the task of the same id number on another phone");
        var feedback = await Eventually.Until(() => App.FeedbackFor("GX-FR-1")
            .FirstOrDefault(f => f.Status == FeedbackStatus.DefraudedAfterWarning), "the feedback upstream");
        Assert.That((feedback.TaskId, feedback.AmountLost, feedback.ReportId),
            Is.EqualTo((byPhone, (decimal?)52000.5m, "FR-1")));
        var listed = await Eventually.Until(async () => (await ListAsync(duty, matched: true)).Items
            .FirstOrDefault(r => r.Report.ReportId == "FR-1"), "the report in the matched list");
        Assert.That(listed.MatchedTaskIds, Is.EquivalentTo(new[] { byPhone, byIdNumber }));
        Assert.That((await TaskAsync(duty, otherIdSamePhone)).DefraudedAfterWarning, Is.Null,
            "another id number on the same phone is another person");
        Assert.That((await TaskAsync(duty, otherPerson)).DefraudedAfterWarning, Is.Null);
        Assert.That(App.FeedbackFor("GX-FR-2").Concat(App.FeedbackFor("GX-FR-3"))
            .Any(f => f.Status == FeedbackStatus.DefraudedAfterWarning), Is.False);
    }

    [Test]
    public async Task A_report_id_sent_again_changes_nothing()
    {
        var taskId = await NewTaskAsync("GX-FR-5", "+8613700000005");
        var duty = await App.ClientAsync("duty");
        await PostReportAsync(Report("FR-5", "+8613700000005"));
        await Eventually.Until(async () => (await ListAsync(duty, matched: true)).Items
            .FirstOrDefault(r => r.Report.ReportId == "FR-5"), "the first report applied");
        var version = (await TaskAsync(duty, taskId)).Version;

        var again = await PostReportAsync(Report("FR-5", "+8613700000005", amountLost: 1m));
        // A report after it, applied after it by the one outbox: once it is listed, the repeat had its chance.
        await PostReportAsync(Report("FR-5-later", "+8613700009999"));
        await Eventually.Until(async () => (await ListAsync(duty, matched: false)).Items
            .FirstOrDefault(r => r.Report.ReportId == "FR-5-later"), "the later report applied");

        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reportId").GetString(),
            Is.EqualTo("FR-5"));
        var task = await TaskAsync(duty, taskId);
        Assert.That((task.Version, task.DefraudedAfterWarning!.AmountLost), Is.EqualTo((version, 52000m)));
        Assert.That(App.FeedbackFor("GX-FR-5").Count(f => f.Status == FeedbackStatus.DefraudedAfterWarning),
            Is.EqualTo(1));
    }

    [Test]
    public async Task A_report_that_matches_no_warning_is_listed_masked_unless_the_viewer_may_see_it()
    {
        await NewTaskAsync("GX-FR-6", "+8613700000006");
        var duty = await App.ClientAsync("duty");

        await PostReportAsync(Report("FR-6", "+8613711112222", IdA));

        var listed = await Eventually.Until(async () => (await ListAsync(duty, matched: false)).Items
            .FirstOrDefault(r => r.Report.ReportId == "FR-6"), "the unmatched report");
        Assert.That(listed.MatchedTaskIds, Is.Empty);
        Assert.That(listed.AppliedAt, Is.Not.Null);
        Assert.That((listed.Report.Subject.Phone, listed.Report.Subject.IdNumber, listed.Report.Subject.Name),
            Is.EqualTo(("+86137****2222", "******************", "罗**")));
        var full = (await ListAsync(await App.ClientAsync("duty.data"), matched: false)).Items.Single();
        Assert.That((full.Report.Subject.Phone, full.Report.Subject.IdNumber), Is.EqualTo(("+8613711112222", IdA)));
        Assert.That((await ListAsync(duty, matched: true)).Total, Is.Zero);
        var county = await (await App.ClientAsync("duty.fs")).GetAsync("/api/fraud-reports");
        Assert.That(county.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "a report names no area");
    }

    [Test]
    public async Task An_invalid_report_is_answered_naming_every_field_kept_and_answered_upstream()
    {
        var report = Report("FR-7", "13700000007", "110105199003070010");
        report["amountLost"] = -1;
        report["occurredAt"] = Time(App.Now.AddHours(1));
        report.Remove("reportedAt");

        var response = await PostReportAsync(report);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(problem.GetProperty("errors").EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[]
            { "reportedAt", "occurredAt", "subject.phone", "subject.idNumber", "amountLost" }));
        Assert.That(problem.ToString(), Does.Not.Contain("13700000007"));
        var rejectionId = problem.GetProperty("rejectionId").GetString()!;
        var kept = await App.Services.GetRequiredService<IRejectionStore>().GetAsync(rejectionId, default);
        Assert.That((kept!.Channel, kept.Body), Is.EqualTo((FraudReportIntake.Channel, report.ToJsonString())));
        var rejected = await Eventually.Until(() => App.Feedback.FirstOrDefault(f => f.RejectionId == rejectionId),
            "the Rejected feedback");
        Assert.That((rejected.Status, rejected.ReportId, rejected.InstructionId, rejected.TaskId),
            Is.EqualTo((FeedbackStatus.Rejected, "FR-7", "", (string?)null)));
        Assert.That(rejected.Reasons, Has.Count.EqualTo(5));
    }

    [Test]
    public async Task An_oversized_report_is_413_and_a_report_without_the_key_401()
    {
        var report = Report("FR-8", "+8613700000008");
        report["fraudType"] = new string('x', 70_000);

        var tooLarge = await PostReportAsync(report);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/fraud-reports")
        {
            Content = new StringContent(Report("FR-9", "+8613700000009").ToJsonString(), Encoding.UTF8,
                "application/json"),
        };
        var noKey = await App.NewClient().SendAsync(request);

        Assert.That(tooLarge.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(noKey.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task A_report_over_the_bus_marks_the_task_and_a_broken_one_is_kept_and_replayable()
    {
        var taskId = await NewTaskAsync("GX-FR-10", "+8613700000010");
        var duty = await App.ClientAsync("duty");
        var bus = App.Services.GetRequiredService<IBus>();

        await bus.PublishRawFraudReport(Encoding.UTF8.GetBytes(Report("FR-10", "+8613700000010").ToJsonString()));
        var broken = Report("FR-11", "+8613700000010");
        broken.Remove("amountLost");
        await bus.PublishRawFraudReport(Encoding.UTF8.GetBytes(broken.ToJsonString()));

        await Eventually.Until(async () => (await TaskAsync(duty, taskId)).DefraudedAfterWarning,
            "the task marked by the report from the bus");
        var store = App.Services.GetRequiredService<IRejectionStore>();
        var kept = await Eventually.Until(async () => (await store.ListAsync(null, 10,
                r => r.Channel == FraudReportIntake.Channel, default)).FirstOrDefault(),
            "the broken report kept");
        Assert.That(kept.Errors.Select(e => e.Field), Is.EqualTo(new[] { "amountLost" }));

        broken["amountLost"] = 800;
        using var replay = new HttpRequestMessage(HttpMethod.Post, $"/api/rejections/{kept.RejectionId}/replay")
        {
            Content = new StringContent(broken.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        var replayed = await duty.SendAsync(replay);

        Assert.That(replayed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await Eventually.Until(() => App.FeedbackFor("GX-FR-10").Count(f => f.ReportId == "FR-11") == 1,
            "the corrected report applied");
    }

    [Test]
    public async Task A_report_in_a_masstransit_envelope_is_checked_by_the_same_rules_and_applied()
    {
        var taskId = await NewTaskAsync("GX-FR-12", "+8613700000012");
        var duty = await App.ClientAsync("duty");
        var bus = App.Services.GetRequiredService<IBus>();
        var report = new FraudReport
        {
            ReportId = "FR-12", ReportedAt = App.Now, OccurredAt = App.Now, AmountLost = 3000m,
            Subject = new FraudReportSubject { Phone = "+8613700000012" },
        };

        await bus.Publish(report with { ReportId = "FR-13", OccurredAt = App.Now.AddMinutes(1) });
        await bus.Publish(report);

        var marked = await Eventually.Until(async () => (await TaskAsync(duty, taskId)).DefraudedAfterWarning,
            "the task marked by the typed report");
        Assert.That((marked.ReportId, marked.AmountLost), Is.EqualTo(("FR-12", 3000m)));
        var store = App.Services.GetRequiredService<IRejectionStore>();
        var kept = await Eventually.Until(async () => (await store.ListAsync(null, 10,
            r => r.Channel == FraudReportIntake.Channel, default)).FirstOrDefault(),
            "the report with the fraud after the report kept");
        Assert.That(kept.Errors.Select(e => e.Field), Is.EquivalentTo(new[] { "occurredAt" }));
    }
}
