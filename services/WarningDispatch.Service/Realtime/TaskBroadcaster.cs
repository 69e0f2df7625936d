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
/// its own consoles at once, without a broker hop on the way to the screen. Every instance then hears of the change
/// over the task-events exchange: one that has pushed that version already skips it, the others read the task from
/// the store and push it (so does the committing instance when its own push failed).
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

    /// <summary>Pushes a change this instance has just committed; does not wait for the consoles.</summary>
    public void PushCommitted(TaskSnapshot task, TaskChange change)
    {
        Remember(task);
        _ = PushCommittedAsync(task, change);
    }

    async Task PushCommittedAsync(TaskSnapshot task, TaskChange change)
    {
        try
        {
            await PushAsync(task, change, CancellationToken.None);
        }
        catch (Exception e)
        {
            _pushed.TryRemove(KeyValuePair.Create(task.TaskId, task.Version));
            log.LogWarning(e, "Task {TaskId} v{Version} was not pushed right after its commit; it will be when its announcement arrives",
                task.TaskId, task.Version);
        }
    }

    /// <summary>Pushes a change announced over the task-events exchange, unless this instance pushed it already.</summary>
    public async Task PushAnnouncedAsync(TaskChange change, CancellationToken ct)
    {
        if (_pushed.TryGetValue(change.TaskId, out var pushed) && pushed >= change.Version)
        {
            if (pushed == change.Version) _pushed.TryRemove(KeyValuePair.Create(change.TaskId, pushed));
            return;
        }
        // The stored task may be newer than the announced version; consoles keep the highest version they have seen.
        if (await store.GetAsync(change.TaskId, ct) is not { } stored) return;
        var task = stored.ToSnapshot(maskPersonalData: false);
        if (task.Version > change.Version) Remember(task);
        await PushAsync(task, change, ct);
    }

    void Remember(TaskSnapshot task)
    {
        if (_pushed.Count >= MaxRemembered) _pushed.Clear();
        _pushed.AddOrUpdate(task.TaskId, task.Version, (_, pushed) => Math.Max(pushed, task.Version));
    }

    async Task PushAsync(TaskSnapshot task, TaskChange change, CancellationToken ct)
    {
        using var activity = DispatchTelemetry.Source.StartActivity("push");
        activity?.SetTag("dispatch.task_id", task.TaskId);
        activity?.SetTag("dispatch.version", task.Version);
        if (task.OfficerId is { } officer && await roster.IsOnDutyAsync(officer, ct))
            await hub.Clients.Group(TaskGroups.Officer(officer)).TaskChanged(task);

        if (task.AreaIds.Count > 0)
        {
            await hub.Clients.Groups(task.AreaIds.Select(a => TaskGroups.Area(a, withPersonalData: true)).ToList()).TaskChanged(task);
            await hub.Clients.Groups(task.AreaIds.Select(a => TaskGroups.Area(a, withPersonalData: false)).ToList()).TaskChanged(PersonalData.Mask(task));
        }

        if (change.PreviousOfficerId is { } previous && previous != task.OfficerId)
            await hub.Clients.Group(TaskGroups.Officer(previous)).TaskWithdrawn(new TaskWithdrawal(task.TaskId, task.Version, "reassigned"));
        var leftAreas = change.PreviousAreaIds.Except(task.AreaIds).ToList();
        if (leftAreas.Count > 0)
            await hub.Clients.Groups(leftAreas.SelectMany(a => new[] { TaskGroups.Area(a, true), TaskGroups.Area(a, false) }).ToList())
                .TaskWithdrawn(new TaskWithdrawal(task.TaskId, task.Version, "moved to another area"));

        if (task.Version == 1) metrics.Pushed(clock.GetUtcNow() - task.ReceivedAt);
    }
}
