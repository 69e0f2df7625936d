using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;
using WarningDispatch.Service.Feedback;
using WarningDispatch.Service.Storage.Redis;
using WarningDispatch.TestSupport;

namespace WarningDispatch.Service.Tests;

/// <summary>
/// A commit wakes the outbox dispatcher over Redis pub/sub only when it finds the outbox empty; a dispatcher that
/// trims its batch and finds entries left goes on without being woken. (Before, every commit published a wake-up,
/// one pub/sub message per task to every instance.)
/// </summary>
[Category("Infrastructure")]
public class OutboxWakeRedisTests : RedisServiceTest
{
    [Test]
    public async Task Only_a_commit_to_an_empty_outbox_wakes_the_dispatcher_which_drains_what_came_meanwhile()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var publishing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = new DispatchApp(b => b.ConfigureTestServices(s =>
        {
            s.AddRedisStorage(RedisConfiguration);
            s.Replace(ServiceDescriptor.Singleton<IOutboxPublisher>(sp =>
                new GatedPublisher(ActivatorUtilities.CreateInstance<BusOutboxPublisher>(sp), gate.Task, publishing)));
        }));
        await app.StartAsync();
        var wakes = new List<string>();
        var channel = RedisChannel.Literal(RedisKeys.SignalName);
        var subscriber = Db.Multiplexer.GetSubscriber();
        await subscriber.SubscribeAsync(channel, (_, message) => { lock (wakes) wakes.Add((string)message!); });

        await app.PostWarningAsync(app.Instruction("GX-WAKE-1").ToJsonString());
        await publishing.Task.WaitAsync(TimeSpan.FromSeconds(10));
        // The dispatcher holds the first task's entries; three more tasks' entries are committed behind them.
        foreach (var id in new[] { "GX-WAKE-2", "GX-WAKE-3", "GX-WAKE-4" })
            await app.PostWarningAsync(app.Instruction(id).ToJsonString());
        // Redis delivers a channel's messages in order: once the marker is here, every wake-up before it is too.
        await subscriber.PublishAsync(channel, "marker");
        await Eventually.Until(() => { lock (wakes) return wakes.Contains("marker"); }, "the marker");

        lock (wakes)
            Assert.That(wakes.Count(w => w == "outbox"), Is.EqualTo(1), "only the commit to the empty outbox woke it");
        gate.SetResult();
        // The fake clock stands still, so the dispatcher's idle poll never comes: only its own "entries remain" can
        // bring the later tasks' feedback out.
        foreach (var id in new[] { "GX-WAKE-1", "GX-WAKE-2", "GX-WAKE-3", "GX-WAKE-4" })
            await Eventually.Until(() => app.FeedbackFor(id).Count > 0, $"the feedback of {id} upstream");
        await Eventually.Until(() => Db.ListLength(RedisKeys.Outbox) == 0, "the outbox emptied");
    }

    /// <summary>Holds every publish until the gate opens, and says when the first one is waiting.</summary>
    sealed class GatedPublisher(IOutboxPublisher inner, Task gate, TaskCompletionSource publishing)
        : IOutboxPublisher
    {
        public async Task PublishAsync(OutboxMessage message, CancellationToken ct)
        {
            publishing.TrySetResult();
            await gate.WaitAsync(ct);
            await inner.PublishAsync(message, ct);
        }
    }
}
