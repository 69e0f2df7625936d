using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using WarningDispatch.Contracts;
using WarningDispatch.TestSupport;

namespace WarningDispatch.Infrastructure.Tests;

/// <summary>
/// The bad-input corpus as raw AMQP from a plain client, on real RabbitMQ and Redis: every message is kept once as a
/// rejection with its field named, answered Rejected, and acknowledged — none loops, none lands in the error or
/// skipped queue — and the service stays ready and keeps taking good instructions.
/// </summary>
public class HostileAmqpTests : InfrastructureTest
{
    [Test]
    public async Task Every_bad_message_is_kept_once_answered_rejected_and_acknowledged_and_good_ones_still_flow()
    {
        var service = await StartServiceAsync("a");
        var feedback = await ListenToFeedbackAsync();
        var publisher = Publisher();
        var corpus = BadInputCorpus.Cases(DateTimeOffset.UtcNow);
        var envelope = """
            {"messageId":"00000000-0000-0000-0000-000000000001","messageType":["urn:message:Other:Thing"],
             "message":{"instructionId":"ENV-OTHER-1"}}
            """;
        var extra = new List<(string Name, byte[] Body, string? ContentType, string Field)>
        {
            ("an envelope of another message type", Encoding.UTF8.GetBytes(envelope),
                "application/vnd.masstransit+json", "messageType"),
            ("no content type, not JSON", "garbage"u8.ToArray(), null, "$"),
            ("a MassTransit content type on raw JSON bytes that are not UTF-8", [0x7B, 0xFF, 0x7D],
                "application/vnd.masstransit+json", "$"),
        };
        var all = corpus.Select(c => (c.Name, c.Body, ContentType: (string?)"application/json", c.Field))
            .Concat(extra).ToList();

        foreach (var (name, body, contentType, field) in all)
        {
            var before = feedback.Events.Count(e => e.Status == FeedbackStatus.Rejected);
            await publisher.PublishOneAsync(body, contentType);
            var rejected = await Eventually.Until(() =>
                feedback.Events.Where(e => e.Status == FeedbackStatus.Rejected).Skip(before).FirstOrDefault(), name,
                seconds: 15);
            Assert.That(rejected.Reasons, Has.Some.StartWith(field + ":"), name);
            Assert.That(rejected.RejectionId, Is.Not.Null, name);
        }

        var good = BadInputCorpus.Valid("GOOD-AFTER-AMQP-CORPUS", DateTimeOffset.UtcNow);
        await publisher.PublishOneAsync(Encoding.UTF8.GetBytes(good.ToJsonString()));
        await Eventually.Until(
            () => feedback.ByInstruction()["GOOD-AFTER-AMQP-CORPUS"].Contains(FeedbackStatus.Assigned),
            "the good instruction assigned after the corpus");

        Assert.That(await Redis.Db.SortedSetLengthAsync("wd:rejindex"), Is.EqualTo(all.Count),
            "each bad message kept exactly once: a redelivered message would be kept again, a looping one never");
        Assert.That(feedback.Events.Count(e => e.Status == FeedbackStatus.Rejected), Is.EqualTo(all.Count));
        Assert.That(await QueueDepthAsync("warning-dispatch.instructions"), Is.EqualTo((0u, 0u)),
            "nothing waiting, nothing held unacknowledged");
        Assert.That(await ErrorQueueDepthAsync(), Is.Zero);
        Assert.That(await QueueDepthAsync("warning-dispatch.instructions_skipped"), Is.EqualTo((0u, 0u)));
        var lines = await File.ReadAllLinesAsync(service.LogPath);
        var log = lines[Array.FindLastIndex(lines, l => l.StartsWith("---- start", StringComparison.Ordinal))..];
        Assert.That(log.Count(l => l.Contains("rejected as rej-", StringComparison.Ordinal)), Is.EqualTo(all.Count),
            "one delivery each: every delivery of a bad message writes one rejection line");
        Assert.That(
            log.Where(l => l.Contains("13800000000") || l.Contains("某某") || l.Contains("凤城路")), Is.Empty,
            "no personal data from the bad bodies in the log");
        Assert.That(log.Where(l => l.Contains('\u001b') || l.Contains('\u202e')), Is.Empty,
            "no raw control characters");
        using var http = new HttpClient { BaseAddress = service.BaseAddress };
        Assert.That((await http.GetAsync("/health/ready")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Ten_megabytes_over_amqp_are_refused_at_the_same_cap_as_http_and_keep_only_their_start()
    {
        await StartServiceAsync("a");
        var feedback = await ListenToFeedbackAsync();
        var huge = BadInputCorpus.Valid("HUGE-1", DateTimeOffset.UtcNow);
        huge["padding"] = new string('p', 10 << 20);

        for (var i = 0; i < 3; i++) await Publisher().PublishOneAsync(Encoding.UTF8.GetBytes(huge.ToJsonString()));

        var rejected = await Eventually.Until(() => feedback.Events.Where(e => e.InstructionId == "HUGE-1").ToList()
            is { Count: 3 } r ? r : null, "three Rejected feedback events", seconds: 30);
        Assert.That(rejected.SelectMany(r => r.Reasons!), Has.All.StartWith("$:").And.All.Contain("65536"));
        var used = (long)await Redis.Db.StringGetAsync("wd:rejbytes");
        Assert.That(used, Is.LessThan(3 * 8 * 1024), "three 10 MB bodies keep a few KB each, not 30 MB");
    }
}
