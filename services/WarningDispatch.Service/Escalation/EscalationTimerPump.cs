using WarningDispatch.Contracts;
using WarningDispatch.Domain.Routing;
using WarningDispatch.Domain.Tasks;
using WarningDispatch.Service.Storage;
using WarningDispatch.Service.Tasks;

namespace WarningDispatch.Service.Escalation;

/// <summary>
/// Fires escalation timers when they fall due: claims due entries with a lease, lets the task's state machine decide
/// what is due (a timer for an older version does nothing), and completes the entry with the change it causes (the
/// commit drops it) or, when nothing changed, on its own. An entry whose handling failed stays claimed until its lease
/// runs out and then fires again.
/// </summary>
public sealed class EscalationTimerPump(
    ITimerQueue timers,
    ITaskStore store,
    TaskWorkflow workflow,
    DispatchSignals signals,
    TimeProvider clock,
    DispatchMetrics metrics,
    ILogger<EscalationTimerPump> log) : BackgroundService
{
    static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(1);
    // A firing waits on Redis, not on CPU: a roster read and the commit, each replied to only after an fsync. So many
    // run side by side, and the pump claims again as soon as slots free up instead of waiting for a whole batch.
    const int Parallelism = 256;
    static readonly Func<DispatchTask, RoutingDecision> NoRung =
        _ => throw new InvalidOperationException("No rung is needed outside Assigned.");

    readonly SemaphoreSlim _pass = new(1, 1);
    readonly SemaphoreSlim _slots = new(Parallelism, Parallelism);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await FireDueAsync(stoppingToken) > 0) continue;
                var next = await timers.NextDueAsync(stoppingToken);
                var wait = next is { } due ? due - clock.GetUtcNow() : IdlePoll;
                await signals.Timers.WaitAsync(wait < IdlePoll ? wait : IdlePoll, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogError(e, "Escalation timers could not be claimed; retrying");
                try { await Task.Delay(TimeSpan.FromSeconds(1), clock, stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    /// <summary>Fires everything due now; returns how many entries were claimed.</summary>
    public async Task<int> FireDueAsync(CancellationToken ct)
    {
        // One pass at a time: a pass started elsewhere (a test moving the clock) waits until the running one has
        // committed what it claimed, so it never returns while a due deadline is still being handled.
        await _pass.WaitAsync(ct);
        try { return await FireClaimedAsync(ct); }
        finally { _pass.Release(); }
    }

    async Task<int> FireClaimedAsync(CancellationToken ct)
    {
        var running = new List<Task>();
        var claimed = 0;
        try
        {
            while (true)
            {
                // Claim as many as there are free slots (at least one): no firing waits for a slow one to finish.
                await _slots.WaitAsync(ct);
                var free = 1;
                while (_slots.Wait(0)) free++;
                IReadOnlyList<TimerEntry> due;
                try { due = await timers.ClaimDueAsync(clock.GetUtcNow(), free, Lease, ct); }
                finally { _slots.Release(free); }
                claimed += due.Count;
                if (due.Count > 0)
                {
                    // The claimed entries' tasks in one round trip; a conflict later reads its task again.
                    var tasks = (await store.GetManyAsync(due.Select(e => e.TaskId).Distinct().ToList(), ct))
                        .ToDictionary(t => t.TaskId, StringComparer.Ordinal);
                    running.RemoveAll(t => t.IsCompleted);
                    foreach (var entry in due)
                    {
                        await _slots.WaitAsync(ct);
                        // Each task read goes to one firing: a second entry of the same task reads its own.
                        running.Add(FireAsync(entry, tasks.Remove(entry.TaskId, out var task) ? task : null, ct));
                    }
                }
                if (due.Count < free) return claimed;
            }
        }
        finally
        {
            await Task.WhenAll(running);
        }
    }

    async Task FireAsync(TimerEntry entry, DispatchTask? task, CancellationToken ct)
    {
        try
        {
            var outcome = DeadlineResult.NothingDue;
            var check = new DutyCheck();
            async Task<ActionResult> Fire(DispatchTask current)
            {
                var at = clock.GetUtcNow();
                var nextRung = current.Version == entry.Version && current.Status == DispatchStatus.Assigned
                    ? await workflow.NextRungAsync(current, ct, check)
                    : NoRung;
                outcome = current.OnDeadline(entry.Version, at, nextRung);
                return outcome == DeadlineResult.Escalated
                    ? ActionResult.Applied
                    : ActionResult.NotAllowed(outcome.ToString());
            }
            await (task is not null
                ? workflow.ChangeAsync(task, Fire, ct, check)
                : workflow.ChangeAsync(entry.TaskId, Fire, ct, check));
            metrics.TimerFired(clock.GetUtcNow() - entry.DueAt, outcome);
            // An escalation's commit has completed the entry in the same write; only a firing that changed nothing
            // completes it on its own.
            if (outcome != DeadlineResult.Escalated) await timers.CompleteAsync(entry, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e,
                "Escalation timer for task {TaskId} v{Version} failed; it fires again when its lease ends",
                entry.TaskId, entry.Version);
        }
        finally
        {
            _slots.Release();
        }
    }
}
