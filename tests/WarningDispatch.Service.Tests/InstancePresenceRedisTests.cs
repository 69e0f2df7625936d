using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using WarningDispatch.Service.Realtime;
using WarningDispatch.Service.Storage.Redis;
using WarningDispatch.Service.Tasks;
using WarningDispatch.TestSupport;

namespace WarningDispatch.Service.Tests;

/// <summary>
/// Instances on one Redis announce a task change to each other only when another is alive: a lone instance pushes to
/// its own consoles and publishes nothing to consume back. A starting instance is known to the others before its
/// consoles subscribe, and one taken for gone tells its consoles to read again.
/// </summary>
[Category("Infrastructure")]
public class InstancePresenceRedisTests : RedisServiceTest
{
    static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(1);

    DispatchApp App(string? handOver = null) => new(b =>
    {
        b.ConfigureTestServices(s => s.AddRedisStorage(RedisConfiguration));
        if (handOver is not null) b.UseSetting("Instances:HandOver", handOver);
    });

    static async Task<string> CreateAsync(DispatchApp app, string instructionId)
    {
        var response = await app.PostWarningAsync(app.Instruction(instructionId).ToJsonString());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("taskId").GetString()!;
    }

    /// <summary>Every outbox entry written so far has been published (entries leave only once confirmed).</summary>
    async Task OutboxEmptyAsync() =>
        await Eventually.Until(() => Db.ListLength(RedisKeys.Outbox) == 0, "the outbox published");

    static List<string> Announced(DispatchApp app) =>
        app.Harness.Published.Select<TaskChange>().Select(m => m.Context.Message.TaskId).ToList();

    [Test]
    public async Task A_lone_instance_announces_nothing_and_announces_again_once_another_is_alive()
    {
        await using var a = App();
        await a.StartAsync();
        var presence = a.Services.GetRequiredService<IInstancePresence>();
        await Eventually.Until(() => !presence.OthersMayListen, "a finds itself alone");
        await using var console = await a.HubAsync("fs01a");

        var alone = await CreateAsync(a, "GX-ALONE-1");
        await console.WaitForAsync(t => t.TaskId == alone, "the task on the officer's console");
        await OutboxEmptyAsync();
        await Eventually.Until(() => a.FeedbackFor("GX-ALONE-1").Count > 0, "feedback still going upstream");
        Assert.That(Announced(a), Is.Empty, "nothing announced while alone");

        await using var b = App();
        await b.StartAsync();
        a.Clock.Advance(Heartbeat);
        await Eventually.Until(() => presence.OthersMayListen, "a's next heartbeat finds b");
        var shared = await CreateAsync(a, "GX-ALONE-2");
        await OutboxEmptyAsync();
        Assert.That(Announced(a), Is.EqualTo(new[] { shared }), "announced once another instance is alive");
    }

    [Test]
    public async Task A_starting_instance_lets_consoles_subscribe_only_after_the_hand_over()
    {
        await using var b = App(handOver: "00:00:03");
        await b.StartAsync();
        await Eventually.Until(() => Db.SortedSetLength(RedisKeys.LiveInstances) == 1, "b's first heartbeat");
        var token = await b.TokenAsync("fs01a");
        // A console that gives up after 2 s of silence, as the browser consoles do.
        var connecting = b.HubWithTokenAsync(token, serverTimeout: TimeSpan.FromSeconds(2));

        // Without the wait a console subscribes in well under this; with it, the keep-alives go on meanwhile.
        await Task.WhenAny(connecting, Task.Delay(TimeSpan.FromSeconds(3)));
        Assert.That(connecting.IsCompleted, Is.False, "no subscription before the hand-over");
        b.Clock.Advance(TimeSpan.FromSeconds(3));
        await using var console = await connecting;
        var task = await CreateAsync(b, "GX-HANDOVER-1");
        await console.WaitForAsync(t => t.TaskId == task, "the console live after the hand-over");
    }

    [Test]
    public async Task An_instance_taken_for_gone_tells_its_consoles_to_read_their_tasks_again()
    {
        await using var b = App();
        await b.StartAsync();
        await using var console = await b.HubAsync("fs01a");
        var instance = (string)(await Db.SortedSetRangeByRankAsync(RedisKeys.LiveInstances)).Single()!;
        double AliveUntil() => Db.SortedSetScore(RedisKeys.LiveInstances, instance) ?? 0;

        var before = AliveUntil();
        b.Clock.Advance(Heartbeat);
        await Eventually.Until(() => AliveUntil() > before, "a heartbeat while alive");
        Assert.That(console.Resyncs, Is.Zero, "nothing missed while the instance was seen alive");

        // Silent past its lapse (cut off from Redis): the others have dropped it from the live set.
        await Db.SortedSetRemoveAsync(RedisKeys.LiveInstances, instance);
        // The heartbeat may not have armed its next wait on the fake clock yet (a busy machine): an advance before
        // that is lost, so the clock moves on by a heartbeat every quarter second until the console has been told.
        var sinceAdvance = Stopwatch.StartNew();
        b.Clock.Advance(Heartbeat);
        await Eventually.Until(() =>
        {
            if (console.Resyncs == 1) return true;
            if (sinceAdvance.ElapsedMilliseconds < 250) return false;
            b.Clock.Advance(Heartbeat);
            sinceAdvance.Restart();
            return false;
        }, "the console told to read its tasks again");
    }
}
