using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;
using WarningDispatch.Contracts;
using WarningDispatch.Domain.Tasks;
using WarningDispatch.Service.Escalation;
using WarningDispatch.Service.Storage.Redis;
using WarningDispatch.Service.Tasks;
using WarningDispatch.TestSupport;

namespace WarningDispatch.Service.Tests;

/// <summary>
/// What one timer firing costs on real Redis: the claimed batch's tasks are read in one round trip, an escalation's
/// commit completes its timer in the same write (no separate completion), and only a firing that changes nothing
/// completes its timer on its own.
/// </summary>
[Category("Infrastructure")]
public class TimerFiringRedisTests : RedisServiceTest
{
    readonly Counts _counts = new();

    DispatchApp App() => new(b => b.ConfigureTestServices(s =>
    {
        s.AddRedisStorage(RedisConfiguration);
        s.Replace(ServiceDescriptor.Singleton<ITaskStore>(sp =>
            new CountingTaskStore(ActivatorUtilities.CreateInstance<RedisTaskStore>(sp), _counts)));
        s.Replace(ServiceDescriptor.Singleton<ITimerQueue>(sp =>
            new CountingTimerQueue(ActivatorUtilities.CreateInstance<RedisTimerQueue>(sp), _counts)));
    }));

    static async Task<string> CreateAsync(DispatchApp app, string instructionId)
    {
        var response = await app.PostWarningAsync(app.Instruction(instructionId, riskLevel: "High").ToJsonString());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("taskId").GetString()!;
    }

    [Test]
    public async Task Escalations_read_their_tasks_at_once_and_complete_their_timers_in_their_own_commits()
    {
        await using var app = App();
        await app.StartAsync();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++) ids.Add(await CreateAsync(app, $"GX-TIMER-{i}"));
        _counts.Clear();

        await app.AdvanceAsync(TimeSpan.FromMinutes(1)); // High risk: acknowledgement due 2 min after issue
        var reads = _counts.Reads.Where(r => r.Any(ids.Contains)).ToList();

        var store = app.Services.GetRequiredService<ITaskStore>();
        foreach (var id in ids)
        {
            var task = (await store.GetAsync(id, CancellationToken.None))!;
            Assert.That((task.Version, task.History.Count(h => h.Code == HistoryAction.AckMissed)), Is.EqualTo((2, 1)));
        }
        // The firings' own read is the batch; single reads of these tasks by other parts of the app (seen 1 run in 5)
        // are not the firings'.
        Assert.That(reads.Where(r => r.Length > 1).ToList(), Has.Count.EqualTo(1), "one read of the three tasks");
        Assert.That(reads.Single(r => r.Length > 1), Is.EquivalentTo(ids));
        Assert.That(_counts.Completed, Is.Empty, "no separate completion after an escalation");
        Assert.That(_counts.Updates.Where(ids.Contains).Count(), Is.EqualTo(3), "one commit each");
        Assert.That(await Db.SortedSetLengthAsync("wd:timers:inflight"), Is.Zero, "the commits completed the timers");
        var pending = (await Db.SortedSetRangeByRankAsync("wd:timers")).Select(m => (string)m!).Order().ToList();
        Assert.That(pending, Is.EqualTo(ids.Select(id => $"{id}|2").Order()), "each task's next timer, only");
        var due = (await Db.HashKeysAsync("wd:timers:due")).Select(m => (string)m!).Order().ToList();
        Assert.That(due, Is.EqualTo(pending));
    }

    [Test]
    public async Task A_stale_timer_completes_on_its_own_without_a_commit()
    {
        await using var app = App();
        await app.StartAsync();
        var id = await CreateAsync(app, "GX-STALE-1");
        var http = await app.ClientAsync("fs01a");
        var acked = await EndToEndTests.Act(http, $"/api/tasks/{id}/acknowledge", new { actionId = "ack-stale" });
        // Version 1's timer left in flight by an instance that died, its lease over. Counted from before it exists:
        // the app's own pump may claim it first (the acknowledgement woke it), and the move below waits for that pass.
        _counts.Clear();
        var stale = $"{id}|1";
        var past = app.Now.AddSeconds(-1).ToUnixTimeMilliseconds();
        await Db.SortedSetAddAsync("wd:timers:inflight", stale, past);
        await Db.HashSetAsync("wd:timers:due", stale, past);

        await app.AdvanceAsync(TimeSpan.Zero);

        Assert.That(_counts.Completed, Is.EqualTo(new[] { stale }), "completed on its own");
        Assert.That(_counts.Updates, Is.Empty, "no task commit");
        var task = (await app.Services.GetRequiredService<ITaskStore>().GetAsync(id, CancellationToken.None))!;
        Assert.That((task.Version, task.Status), Is.EqualTo((acked.Version, acked.Status)), "the task as acknowledged");
        Assert.That(await Db.SortedSetScoreAsync("wd:timers:inflight", stale), Is.Null);
        Assert.That(await Db.HashExistsAsync("wd:timers:due", stale), Is.False);
    }

    sealed class Counts
    {
        public readonly ConcurrentQueue<string[]> Reads = new();
        public readonly ConcurrentQueue<string> Updates = new();
        public readonly ConcurrentQueue<string> Completed = new();

        public void Clear()
        {
            Reads.Clear();
            Updates.Clear();
            Completed.Clear();
        }
    }

    /// <summary>Records each read (one id or many) and each update of the tasks.</summary>
    sealed class CountingTaskStore(ITaskStore inner, Counts counts) : ForwardingTaskStore(inner)
    {
        public override Task<bool> UpdateAsync(TaskCommit commit, CancellationToken ct)
        {
            counts.Updates.Enqueue(commit.Task.TaskId);
            return base.UpdateAsync(commit, ct);
        }

        public override Task<DispatchTask?> GetAsync(string taskId, CancellationToken ct)
        {
            counts.Reads.Enqueue([taskId]);
            return base.GetAsync(taskId, ct);
        }

        public override Task<IReadOnlyList<DispatchTask>> GetManyAsync(IReadOnlyList<string> taskIds,
            CancellationToken ct)
        {
            counts.Reads.Enqueue(taskIds.ToArray());
            return base.GetManyAsync(taskIds, ct);
        }
    }

    /// <summary>Records each completion done on its own.</summary>
    sealed class CountingTimerQueue(ITimerQueue inner, Counts counts) : ITimerQueue
    {
        public Task<IReadOnlyList<TimerEntry>> ClaimDueAsync(DateTimeOffset now, int max, TimeSpan lease,
            CancellationToken ct) => inner.ClaimDueAsync(now, max, lease, ct);

        public Task CompleteAsync(TimerEntry entry, CancellationToken ct)
        {
            counts.Completed.Enqueue(RedisTimerQueue.Member(entry));
            return inner.CompleteAsync(entry, ct);
        }

        public Task<DateTimeOffset?> NextDueAsync(CancellationToken ct) => inner.NextDueAsync(ct);
    }
}
