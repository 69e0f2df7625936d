using WarningDispatch.Domain.Tasks;
using WarningDispatch.Service.Tasks;

namespace WarningDispatch.Service.Officers;

/// <summary>
/// Going off duty hands the officer's unresolved tasks on along the ladder, so nothing waits on someone who left. The
/// answer names only the tasks the caller could see before they moved.
/// </summary>
public sealed class OfficerDuty(
    IOfficerRoster roster, ITaskStore store, TaskWorkflow workflow, TimeProvider clock, ILogger<OfficerDuty> log)
{
    public async Task<object?> SetAsync(string officerId, bool onDuty, Actor caller, CancellationToken ct)
    {
        if (roster.Find(officerId) is null) return null;
        var changed = await roster.SetOnDutyAsync(officerId, onDuty, ct);
        var handedOver = new List<string>();
        var moved = 0;
        if (changed && !onDuty)
        {
            foreach (var task in (await store.ListActiveAsync(ct)).Where(t => t.OfficerId == officerId))
            {
                var done = await workflow.ChangeAsync(task.TaskId, async t =>
                    t.OfficerWentOffDuty(officerId, clock.GetUtcNow(), await workflow.NextRungAsync(t, ct))
                        ? ActionResult.Applied : ActionResult.NotAllowed("no longer theirs"), ct);
                if (done is not ({ Changed: true }, _)) continue;
                moved++;
                if (task.IsVisibleTo(caller)) handedOver.Add(task.TaskId);
            }
            log.LogInformation("Officer {OfficerId} went off duty; {Count} tasks handed on", officerId, moved);
        }
        return new { officerId, onDuty, changed, handedOver };
    }
}
