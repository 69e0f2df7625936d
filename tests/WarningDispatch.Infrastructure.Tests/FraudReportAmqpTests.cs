using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using WarningDispatch.Contracts;
using WarningDispatch.TestSupport;

namespace WarningDispatch.Infrastructure.Tests;

/// <summary>
/// Fraud reports (INTERFACE.md §8) published raw on <c>fraud-reports</c> by a plain AMQP client, on real RabbitMQ and
/// Redis with the service as a process: a good one marks the person's warning on Redis (and not another person's)
/// and answers <c>DefraudedAfterWarning</c> on <c>warning-feedback</c>, once however often it comes; malformed ones
/// are kept once as rejections, answered <c>Rejected</c> and acknowledged, never redelivered.
/// </summary>
public class FraudReportAmqpTests : InfrastructureTest
{
    const string FraudReportsExchange = "fraud-reports";

    static byte[] Report(string reportId, string phone, DateTimeOffset at, decimal? amountLost = 52000m)
    {
        var time = at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
        var json = new JsonObject
        {
            ["reportId"] = reportId, ["reportedAt"] = time, ["occurredAt"] = time,
            ["subject"] = new JsonObject { ["phone"] = phone, ["name"] = "测试" },
        };
        if (amountLost is { } amount) json["amountLost"] = amount;
        return Encoding.UTF8.GetBytes(json.ToJsonString());
    }

    [Test]
    public async Task A_raw_report_marks_the_persons_task_on_redis_and_answers_upstream_and_bad_ones_are_kept_once()
    {
        await StartServiceAsync("a");
        var feedback = await ListenToFeedbackAsync();
        var publisher = Publisher();
        const string phone = "+8613700100001";
        await publisher.PublishOneAsync(Encoding.UTF8.GetBytes(Instruction("GX-INF-FR-1", phone: phone)));
        await publisher.PublishOneAsync(Encoding.UTF8.GetBytes(Instruction("GX-INF-FR-2")));
        await Eventually.Until(() => feedback.Events.Count(e => e.InstructionId.StartsWith("GX-INF-FR-") &&
            e.Status == FeedbackStatus.Assigned) == 2, "both instructions assigned");
        // Whole seconds on the wire: a second on, so the fraud is not before the warning (issued with ms).
        var now = DateTimeOffset.UtcNow.AddSeconds(1);

        var good = Report("FR-INF-1", phone, now);
        await publisher.PublishOneAsync(good, exchange: FraudReportsExchange);
        await publisher.PublishOneAsync(good, exchange: FraudReportsExchange);

        var marked = await Eventually.Until(() => feedback.Events.FirstOrDefault(e =>
            e.InstructionId == "GX-INF-FR-1" && e.Status == FeedbackStatus.DefraudedAfterWarning),
            "the DefraudedAfterWarning feedback", seconds: 15);
        Assert.That((marked.AmountLost, marked.ReportId), Is.EqualTo(((decimal?)52000m, "FR-INF-1")));
        var tasks = (await TasksAsync()).ToDictionary(t => t.InstructionId);
        Assert.That(tasks["GX-INF-FR-1"].DefraudedAfterWarning, Is.EqualTo(new DefraudedAfterWarning
        {
            ReportId = "FR-INF-1", OccurredAt = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond)),
            AmountLost = 52000m,
        }));
        Assert.That(tasks["GX-INF-FR-2"].DefraudedAfterWarning, Is.Null, "another person's warning");

        byte[][] bad =
        [
            Report("FR-INF-2", phone, now, amountLost: null), "{\"reportId\": \"FR-INF-3\", "u8.ToArray(),
            [0x7B, 0xFF, 0x7D],
        ];
        foreach (var body in bad) await publisher.PublishOneAsync(body, exchange: FraudReportsExchange);

        await Eventually.Until(async () => await Redis.Db.SortedSetLengthAsync("wd:rejindex") == bad.Length ? "" : null,
            "every malformed report kept", seconds: 15);
        await Eventually.Until(async () =>
                await QueueDepthAsync("warning-dispatch.fraud-reports") == (0u, 0u) ? "" : null,
            "the fraud reports queue drained and nothing held");
        // A message redelivered would be kept a second time, a report applied twice answered twice: time to show it.
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.That(await Redis.Db.SortedSetLengthAsync("wd:rejindex"), Is.EqualTo(bad.Length), "kept once each");
        Assert.That(await QueueDepthAsync("warning-dispatch.fraud-reports_error"), Is.EqualTo((0u, 0u)));
        Assert.That(await QueueDepthAsync("warning-dispatch.fraud-reports_skipped"), Is.EqualTo((0u, 0u)));
        var rejected = feedback.Events.Where(e => e.Status == FeedbackStatus.Rejected).ToList();
        Assert.That(rejected.Select(e => e.ReportId), Is.EquivalentTo(new[] { "FR-INF-2", "FR-INF-3", null }));
        Assert.That(rejected.Select(e => e.InstructionId), Has.All.Empty, "a report is no instruction");
        Assert.That(feedback.Events.Count(e => e.Status == FeedbackStatus.DefraudedAfterWarning), Is.EqualTo(1),
            "the report sent twice applied once");
        Assert.That(await Redis.Db.SortedSetLengthAsync("wd:fraudreports:matched"), Is.EqualTo(1));
    }

    [Test]
    public async Task The_bad_report_corpus_published_raw_is_kept_once_each_with_its_field_and_never_redelivered()
    {
        await StartServiceAsync("a");
        var feedback = await ListenToFeedbackAsync();
        var corpus = BadFraudReportCorpus.Cases(DateTimeOffset.UtcNow);

        var publisher = Publisher();
        foreach (var bad in corpus) await publisher.PublishOneAsync(bad.Body, exchange: FraudReportsExchange);

        await Eventually.Until(async () =>
                await Redis.Db.SortedSetLengthAsync("wd:rejindex") == corpus.Count ? "" : null,
            $"all {corpus.Count} bad reports kept", seconds: 30);
        await Eventually.Until(async () =>
                await QueueDepthAsync("warning-dispatch.fraud-reports") == (0u, 0u) ? "" : null,
            "the fraud reports queue drained and nothing held");
        await Eventually.Until(() => feedback.Events.Count(e => e.Status == FeedbackStatus.Rejected) == corpus.Count
            ? "" : null, "a Rejected feedback for each");
        // A message redelivered would be kept a second time: time to show it.
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.That(await Redis.Db.SortedSetLengthAsync("wd:rejindex"), Is.EqualTo(corpus.Count), "kept once each");
        Assert.That(await QueueDepthAsync("warning-dispatch.fraud-reports_error"), Is.EqualTo((0u, 0u)));
        Assert.That(await QueueDepthAsync("warning-dispatch.fraud-reports_skipped"), Is.EqualTo((0u, 0u)));
        var summaries = await Redis.Db.HashValuesAsync("wd:rej:summaries");
        var fields = summaries.Select(v => System.Text.Json.JsonDocument.Parse((string)v!).RootElement
            .GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString())
            .Distinct().Single());
        Assert.That(fields.Order(), Is.EqualTo(corpus.Select(c => c.Field).Order()), "each names exactly its field");
        Assert.That(feedback.Events.Where(e => e.Status == FeedbackStatus.DefraudedAfterWarning), Is.Empty);
    }
}
