using Microsoft.AspNetCore.SignalR;
using WarningDispatch.Domain.Tasks;
using WarningDispatch.Service.Hosting;
using WarningDispatch.Service.Officers;
using WarningDispatch.Service.Tasks;

namespace WarningDispatch.Service.Realtime;

/// <summary>Pushes a task change to exactly the consoles allowed to see it.</summary>
public sealed class TaskBroadcaster(IHubContext<TasksHub, ITaskClient> hub, IOfficerRoster roster, DispatchMetrics metrics, TimeProvider clock)
{
    public async Task PushAsync(TaskChange change, CancellationToken ct)
    {
        var task = change.Snapshot;
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
