using System.Text;
using WarningDispatch.Contracts;
using WarningDispatch.TestSupport;

namespace WarningDispatch.Infrastructure.Tests;

/// <summary>
/// Updates (INTERFACE.md §7) published raw on <c>warning-updates</c> by a plain AMQP client, on real RabbitMQ and
/// Redis with the service as a process: a good one reaches the assigned officer's console; bad ones are kept once as
/// rejections and acknowledged, never redelivered.
/// </summary>
public class UpdateAmqpTests : InfrastructureTest
{
    const string UpdatesExchange = "warning-updates";

    [Test]
    public async Task A_raw_update_reaches_the_officers_console_and_malformed_ones_are_kept_once_and_not_redelivered()
    {
        var service = await StartServiceAsync("a");
        var feedback = await ListenToFeedbackAsync();
        var publisher = Publisher();
        await publisher.PublishOneAsync(Encoding.UTF8.GetBytes(Instruction("GX-INF-UPD-1")));
        var assigned = await Eventually.Until(() => feedback.Events.FirstOrDefault(e =>
            e.InstructionId == "GX-INF-UPD-1" && e.Status == FeedbackStatus.Assigned), "the instruction assigned");
        await using var officer = await service.HubAsync(assigned.OfficerId!.ToLowerInvariant());
        // Whole seconds on the wire: a second on, so the update is not older than the instruction (issued with ms).
        var now = DateTimeOffset.UtcNow.AddSeconds(1);
        var update = BadUpdateCorpus.Valid("U-INF-1", "GX-INF-UPD-1", now);
        update["location"] = new System.Text.Json.Nodes.JsonObject { ["lat"] = 24.547, ["lon"] = 107.044 };
        update["amountAtRisk"] = 90000;

        await publisher.PublishOneAsync(Encoding.UTF8.GetBytes(update.ToJsonString()), exchange: UpdatesExchange);

        var pushed = await officer.WaitForAsync(t => t.InstructionId == "GX-INF-UPD-1" && t.LastUpdateAt is not null,
            "the update on the officer's console", seconds: 15);
        Assert.That((pushed.Subject.Location!.Lat, pushed.Subject.Location.Lon), Is.EqualTo((24.547, 107.044)));
        Assert.That(pushed.Context!.AmountAtRisk, Is.EqualTo(90000m));
        Assert.That(pushed.History[^1].Code, Is.EqualTo(HistoryAction.Updated));

        var unknown = BadUpdateCorpus.Valid("U-INF-2", "GX-INF-NOBODY", now);
        var invalid = BadUpdateCorpus.Valid("U-INF-3", "GX-INF-UPD-1", now);
        invalid["amountAtRisk"] = "90000";
        byte[][] bad =
        [
            "{\"updateId\": \"U-INF-4\", "u8.ToArray(), [0x7B, 0xFF, 0x7D],
            Encoding.UTF8.GetBytes(invalid.ToJsonString()), Encoding.UTF8.GetBytes(unknown.ToJsonString()),
        ];
        foreach (var body in bad) await publisher.PublishOneAsync(body, exchange: UpdatesExchange);
        await publisher.PublishOneAsync(Encoding.UTF8.GetBytes(update.ToJsonString()), exchange: UpdatesExchange);

        await Eventually.Until(async () => await Redis.Db.SortedSetLengthAsync("wd:rejindex") == bad.Length ? "" : null,
            "every malformed update kept", seconds: 15);
        // A message redelivered would be kept a second time; give the broker time to show it.
        await Eventually.Until(async () => await QueueDepthAsync("warning-dispatch.updates") == (0u, 0u) ? "" : null,
            "the updates queue drained and nothing held");
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.That(await Redis.Db.SortedSetLengthAsync("wd:rejindex"), Is.EqualTo(bad.Length), "kept once each");
        Assert.That(await QueueDepthAsync("warning-dispatch.updates_error"), Is.EqualTo((0u, 0u)));
        Assert.That(await QueueDepthAsync("warning-dispatch.updates_skipped"), Is.EqualTo((0u, 0u)));
        Assert.That(feedback.Events.Any(e => e.Status == FeedbackStatus.Rejected), Is.False,
            "an update kept is not a rejected instruction");
        using var duty = await service.ClientAsync("duty");
        var listed = await duty.GetStringAsync("/api/rejections");
        Assert.That(listed, Does.Contain("\"channel\":\"updates\""));
        Assert.That(officer.ChangesOf(pushed.TaskId).Count(c => c.LastUpdateAt is not null), Is.EqualTo(1),
            "the repeated good update changed nothing");
        var lines = await File.ReadAllLinesAsync(service.LogPath);
        Assert.That(lines.Where(l => l.Contains("90000") || l.Contains("宾馆")), Is.Empty, "no update values in the log");
    }
}
