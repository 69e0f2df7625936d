using Microsoft.Extensions.Options;
using WarningDispatch.Contracts;
using WarningDispatch.Domain.Cases;
using WarningDispatch.Domain.Tasks;
using WarningDispatch.Service.Tasks;

namespace WarningDispatch.Service.Cases;

/// <summary>
/// Makes the other tasks of a case follow what one task did, from the outbox entry written with that task's commit:
/// at least once, and each step idempotent (a warning already known, a task already resolved, changes nothing).
/// The case is read when the entry is handled, so a task that joined in between follows too.
/// </summary>
public sealed class CaseFollowUps(
    ICaseStore cases, ITaskStore tasks, TaskWorkflow workflow, IOptions<CorrelationOptions> options,
    FollowUpPolicy followUp, TimeProvider clock, ILogger<CaseFollowUps> log)
{
    public async Task ApplyAsync(CaseEvent e, CancellationToken ct)
    {
        if (await cases.GetCaseAsync(e.CaseId, ct) is not { } view) return;
        var others = view.ActiveMembers.Where(m => m.TaskId != e.TaskId).Select(m => m.TaskId).ToList();
        if (others.Count == 0) return;
        switch (e.Kind)
        {
            case CaseEventKind.Linked:
                var warnings = view.Warnings;
                foreach (var id in others)
                    await workflow.ChangeAsync(id, t =>
                        t.CaseGrew(warnings, clock.GetUtcNow(), options.Value.Policy) ? ActionResult.Applied : Nothing,
                        ct);
                break;
            case CaseEventKind.Resolved:
                if (await tasks.GetAsync(e.TaskId, ct) is not { Outcome: { } outcome }) return;
                foreach (var id in others)
                    await workflow.ChangeAsync(id, t =>
                        t.ResolvedWithCase(outcome, e.TaskId, clock.GetUtcNow(), followUp)
                            ? ActionResult.Applied : Nothing, ct);
                log.LogInformation("Case {CaseId}: outcome of task {TaskId} applied to {Count} other tasks",
                    e.CaseId, e.TaskId, others.Count);
                break;
        }
    }

    static readonly ActionResult Nothing = ActionResult.NotAllowed("nothing new for this task");
}
