using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using WarningDispatch.Contracts;
using WarningDispatch.Domain.Tasks;
using WarningDispatch.Service.Hosting;
using WarningDispatch.Service.Officers;
using WarningDispatch.Service.Tasks;

namespace WarningDispatch.Service.Realtime;

/// <summary>
/// Pushes a task change to exactly the consoles allowed to see it. The instance that committed a change pushes it to
/// its own consoles at once, without a broker hop on the way to the screen. When other instances may listen, every
/// instance then hears of the change over the task-events exchange: one that has pushed that version already skips
/// it, the others read the task from the store and push it (so does the committing instance when its own push
/// failed; alone, it reads and pushes again itself a moment later).
/// </summary>
public sealed class TaskBroadcaster(
    IHubContext<TasksHub, ITaskClient> hub,
    IOfficerRoster roster,
    ITaskStore store,
    DispatchMetrics metrics,
    TimeProvider clock,
    ILogger<TaskBroadcaster> log)
{
    // Task id → newest version this instance pushed, until the announcement of that version arrives. Bounded: if an
    // announcement never arrives (a broker connection lost with its queue), forgetting only means a second push.
    readonly ConcurrentDictionary<string, int> _pushed = new(StringComparer.Ordinal);
    const int MaxRemembered = 100_000;
    static readonly TimeSpan RepushAfter = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Pushes a change this instance has just committed; does not wait for the consoles. The snapshots are made here,
    /// before returning, so a later change of the task object cannot leak into them.
    /// </summary>
    public void PushCommitted(DispatchTask task, TaskCommit commit)
    {
        // The push stage is a new task's first push (later changes' pushes are not on an instruction's way).
        var pushing = task.Version == 1 ? metrics.StartStage(HotPathStage.Push) : default;
        var views = Views.Of(task);
        if (commit.Announced) Remember(views.Officer);
        _ = PushCommittedAsync(views, commit, pushing);
    }

    async Task PushCommittedAsync(Views views, TaskCommit commit, StageTimer pushing)
    {
        var change = commit.Announcement;
        try
        {
            var sending = PushAsync(views, change, CancellationToken.None);
            if (!sending.IsCompleted) pushing.Issued();
            await sending;
            metrics.Stage(HotPathStage.Push, pushing);
        }
        catch (Exception e)
        {
            var task = views.Officer;
            _pushed.TryRemove(KeyValuePair.Create(task.TaskId, task.Version));
            log.LogWarning(e, commit.Announced
                ? "Task {TaskId} v{Version} was not pushed right after its commit; it will be when its announcement "
                  + "arrives"
                : "Task {TaskId} v{Version} was not pushed right after its commit; it is read and pushed again in a "
                  + "moment", task.TaskId, task.Version);
            if (!commit.Announced) await PushAgainAsync(change);
        }
    }

    /// <summary>No announcement will come back to a lone instance: it reads the task and pushes once more itself.
    /// </summary>
    async Task PushAgainAsync(TaskChange change)
    {
        try
        {
            await Task.Delay(RepushAfter, clock);
            await PushAnnouncedAsync(change, CancellationToken.None);
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Task {TaskId} v{Version} was not pushed again; consoles see it on their next read",
                change.TaskId, change.Version);
        }
    }

    /// <summary>Pushes a change announced over the task-events exchange, unless this instance pushed it.</summary>
    public async Task PushAnnouncedAsync(TaskChange change, CancellationToken ct)
    {
        if (_pushed.TryGetValue(change.TaskId, out var pushed) && pushed >= change.Version)
        {
            if (pushed == change.Version) _pushed.TryRemove(KeyValuePair.Create(change.TaskId, pushed));
            return;
        }
        // The stored task may be newer than the announced version; consoles keep the highest version they have seen.
        if (await store.GetAsync(change.TaskId, ct) is not { } stored) return;
        var views = Views.Of(stored);
        if (stored.Version > change.Version) Remember(views.Officer);
        await PushAsync(views, change, ct);
    }

    void Remember(TaskSnapshot task)
    {
        if (_pushed.Count >= MaxRemembered) _pushed.Clear();
        _pushed.AddOrUpdate(task.TaskId, task.Version, (_, pushed) => Math.Max(pushed, task.Version));
    }

    async Task PushAsync(Views views, TaskChange change, CancellationToken ct)
    {
        var task = views.Officer;
        using var activity = DispatchTelemetry.Source.StartActivity("push");
        activity?.SetTag("dispatch.task_id", task.TaskId);
        activity?.SetTag("dispatch.version", task.Version);
        if (task.OfficerId is { } officer && await roster.IsOnDutyAsync(officer, ct))
            await hub.Clients.Group(TaskGroups.Officer(officer)).TaskChanged(task);

        if (task.AreaIds.Count > 0)
        {
            await hub.Clients.Groups(task.AreaIds.Select(a => TaskGroups.Area(a, withPersonalData: true)).ToList())
                .TaskChanged(views.Area);
            await hub.Clients.Groups(task.AreaIds.Select(a => TaskGroups.Area(a, withPersonalData: false)).ToList())
                .TaskChanged(PersonalData.Mask(views.Area));
        }

        if (change.PreviousOfficerId is { } previous && previous != task.OfficerId)
            await hub.Clients.Group(TaskGroups.Officer(previous))
                .TaskWithdrawn(new TaskWithdrawal(task.TaskId, task.Version, "reassigned"));
        var leftAreas = change.PreviousAreaIds.Except(task.AreaIds).ToList();
        var leftGroups = leftAreas.SelectMany(a => new[] { TaskGroups.Area(a, true), TaskGroups.Area(a, false) });
        if (leftAreas.Count > 0)
            await hub.Clients.Groups(leftGroups.ToList())
                .TaskWithdrawn(new TaskWithdrawal(task.TaskId, task.Version, "moved to another area"));

        if (task.Version == 1) metrics.Pushed(clock.GetUtcNow() - task.ReceivedAt);
    }

    /// <summary>
    /// One change as its groups see it. A push goes to groups, not people, so each group's <c>allowedActions</c> are
    /// those of the role its members have on the task: the officer group holds the consoles of the assigned field
    /// officer (their actions: acknowledge, call result, arrive, outcome); an area group, masked or not, holds duty
    /// officers of one of the task's areas, and every such duty officer has the same rights (the rules ask only
    /// whether the task lies in their area), so one duty officer's actions serve every area group. A console that
    /// reads the task over HTTP gets its own user's actions.
    /// </summary>
    sealed record Views(TaskSnapshot Officer, TaskSnapshot Area)
    {
        public static Views Of(DispatchTask task) => new(
            task.OfficerId is { } officer
                ? task.ToSnapshot(Actor.Field(officer, officer), maskPersonalData: false)
                : task.ToSnapshot(maskPersonalData: false),
            task.AreaIds.Count > 0
                ? task.ToSnapshot(Actor.Duty("area", task.AreaIds[0]), maskPersonalData: false)
                : task.ToSnapshot(maskPersonalData: false));
    }
}
