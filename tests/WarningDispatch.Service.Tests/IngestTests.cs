using WarningDispatch.TestSupport;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using WarningDispatch.Contracts;
using WarningDispatch.Service.Ingest;
using WarningDispatch.Service.Tasks;

namespace WarningDispatch.Service.Tests;

public class IngestTests : ServiceTest
{
    [Test]
    public async Task Fifty_concurrent_deliveries_of_one_instruction_make_exactly_one_task()
    {
        var json = App.Instruction("GX-DUP-0001").ToJsonString();
        var overBus = Enumerable.Range(0, 50).Select(_ => App.PublishRawAsync(json));
        var overHttp = Enumerable.Range(0, 50).Select(_ => App.PostWarningAsync(json)).ToList();
        await Task.WhenAll(overBus.Concat(overHttp));
        var consumed = await App.Harness.Consumed.SelectAsync<DispatchWarning>().Take(50).CountAsync();
        Assert.That(consumed, Is.EqualTo(50), "all 50 bus deliveries consumed before the bus fell quiet");

        var tasks = await App.Services.GetRequiredService<ITaskStore>().ListActiveAsync(CancellationToken.None);
        Assert.That(tasks.Count(t => t.InstructionId == "GX-DUP-0001"), Is.EqualTo(1));
        var ids = await Task.WhenAll(overHttp.Select(async r =>
        {
            var response = await r;
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("taskId").GetString();
        }));
        Assert.That(ids.Distinct(), Is.EqualTo(new[] { tasks.Single().TaskId }),
            "every duplicate answers with the existing task's id");
        // Counted once the bus fell quiet (the harness's inactivity timeout), so a late duplicate would count too.
        var accepted = await App.Harness.Published.SelectAsync<InstructionStatusChanged>(m =>
            m.Context.Message is { InstructionId: "GX-DUP-0001", Status: FeedbackStatus.Accepted }).CountAsync();
        Assert.That(accepted, Is.EqualTo(1), "one Accepted published upstream for the one task");
    }

    [Test]
    public async Task Intake_racing_with_itself_creates_once()
    {
        var body = System.Text.Encoding.UTF8.GetBytes(App.Instruction("GX-RACE-0001").ToJsonString());
        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(async () =>
        {
            await using var scope = App.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<InstructionIntake>()
                .SubmitAsync(body, "test", CancellationToken.None);
        })));

        Assert.That(results.Count(r => r.Outcome == IntakeOutcome.Created), Is.EqualTo(1));
        Assert.That(results.Select(r => r.TaskId).Distinct().Count(), Is.EqualTo(1));
    }

    [Test]
    public async Task Invalid_http_instruction_gets_400_naming_every_field_and_is_kept_and_answered_rejected()
    {
        var bad = App.Instruction("GX-BAD-0001");
        bad["riskLevel"] = "Critical";
        bad["subject"]!["phone"] = "138";

        var response = await App.PostWarningAsync(bad.ToJsonString());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.That(fields, Is.EquivalentTo(new[] { "riskLevel", "subject.phone" }));
        var rejectionId = problem.GetProperty("rejectionId").GetString();

        var duty = await App.ClientAsync("duty");
        var kept = await duty.GetFromJsonAsync<JsonElement>($"/api/rejections/{rejectionId}");
        Assert.That(kept.GetProperty("instructionId").GetString(), Is.EqualTo("GX-BAD-0001"));
        Assert.That(kept.GetProperty("body").GetString(), Does.Contain("Critical"));
        var rejected = await Eventually.Until(() => App.FeedbackFor("GX-BAD-0001").FirstOrDefault(),
            "Rejected feedback");
        Assert.That(rejected.Status, Is.EqualTo(FeedbackStatus.Rejected));
        Assert.That(rejected.Reasons, Has.Some.StartsWith("riskLevel:").And.Some.StartsWith("subject.phone:"));
    }

    [Test]
    public async Task Unreadable_bus_messages_are_rejected_with_reasons_and_kept_never_dropped()
    {
        var wrongEnum = App.Instruction("GX-BUS-BAD-1");
        wrongEnum["source"] = "Police";
        var wrongType = App.Instruction("GX-BUS-BAD-2");
        wrongType["subject"]!["location"]!["lat"] = "north";

        await App.PublishRawAsync(wrongEnum.ToJsonString());
        await App.PublishRawAsync(wrongType.ToJsonString());
        await App.PublishRawAsync("this is not json");

        var store = App.Services.GetRequiredService<IRejectionStore>();
        var kept = await Eventually.Until(async () =>
                await store.ListAsync(null, 100, _ => true, CancellationToken.None) is { Count: 3 } r ? r : null,
            "three rejections kept");
        Assert.That(kept.Single(r => r.InstructionId == "GX-BUS-BAD-1").Errors.Single().Field, Is.EqualTo("source"));
        Assert.That(kept.Single(r => r.InstructionId == "GX-BUS-BAD-2").Errors.Single().Field,
            Is.EqualTo("subject.location.lat"));
        var unreadable = await store.GetAsync(kept.Single(r => r.InstructionId is null).RejectionId,
            CancellationToken.None);
        Assert.That(unreadable!.Body, Is.EqualTo("this is not json"));
        await Eventually.Until(() => App.Feedback.Count(f => f.Status == FeedbackStatus.Rejected) == 3,
            "three Rejected feedback events");
    }

    [Test]
    public async Task An_operator_replays_a_rejection_with_a_corrected_body()
    {
        var bad = App.Instruction("GX-FIX-0001");
        bad["subject"]!["phone"] = "13800000000";
        var problem = await (await App.PostWarningAsync(bad.ToJsonString())).Content.ReadFromJsonAsync<JsonElement>();
        var rejectionId = problem.GetProperty("rejectionId").GetString();
        var duty = await App.ClientAsync("duty");

        var again = await duty.PostAsync($"/api/rejections/{rejectionId}/replay", null);
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "the same body is still invalid");

        bad["subject"]!["phone"] = "+8613800000000";
        var fixedUp = await duty.PostAsync($"/api/rejections/{rejectionId}/replay",
            new StringContent(bad.ToJsonString()));
        Assert.That(fixedUp.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var taskId = (await fixedUp.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("taskId").GetString();
        Assert.That((await duty.GetFromJsonAsync<TaskSnapshot>($"/api/tasks/{taskId}", DispatchApp.Json))!
            .InstructionId, Is.EqualTo("GX-FIX-0001"));
        var record = await duty.GetFromJsonAsync<JsonElement>($"/api/rejections/{rejectionId}");
        Assert.That(record.GetProperty("replayTaskId").GetString(), Is.EqualTo(taskId));
    }

    [Test]
    public async Task A_field_officer_cannot_read_rejections()
    {
        var officer = await App.ClientAsync("fs01a");
        Assert.That((await officer.GetAsync("/api/rejections")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [TestCase(null)]
    [TestCase("wrong-key-wrong-key")]
    public async Task Http_ingest_needs_the_api_key(string? key)
    {
        var response = await App.PostWarningAsync(App.Instruction("GX-KEY-0001").ToJsonString(), apiKey: key);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await App.Services.GetRequiredService<ITaskStore>()
            .FindByInstructionAsync("GX-KEY-0001", CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task A_typed_masstransit_publish_is_accepted_like_raw_json()
    {
        var bus = App.Services.GetRequiredService<IBus>();
        await bus.Publish(new DispatchWarning
        {
            InstructionId = "GX-TYPED-0001", Source = InstructionSource.Bank, Kind = InstructionKind.FundTransfer,
            RiskLevel = RiskLevel.Low,
            IssuedAt = App.Now.AddMinutes(-2),
            Subject = new WarningSubject { Phone = "+8613900000000", RegionCode = "451223" },
        });

        var accepted = await Eventually.Until(() => App.FeedbackFor("GX-TYPED-0001")
            .FirstOrDefault(f => f.Status == FeedbackStatus.Assigned), "typed instruction assigned");
        Assert.That(accepted.PostId, Is.EqualTo("HC-FS-01"));
    }
}
