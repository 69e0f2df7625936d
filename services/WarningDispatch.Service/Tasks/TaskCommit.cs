using WarningDispatch.Domain.Tasks;
using WarningDispatch.Service.Cases;
using WarningDispatch.Service.Escalation;
using WarningDispatch.Service.Feedback;

namespace WarningDispatch.Service.Tasks;

/// <summary>Everything one change of a task writes, all or nothing: the task, its feedback and announcement, its next
/// timer, its entry in its case, and its entries in the indexes that features keep. With
/// <c>ExpectedDutyVersion</c> (a task routed from memory) nothing is written unless the duty roster is that version.
/// </summary>
public sealed record TaskCommit(
    DispatchTask Task, int ExpectedVersion, IReadOnlyList<OutboxMessage> Outbox, TimerEntry? WakeUp,
    CaseCommit? Case = null, IReadOnlyList<IndexEntry>? Indexes = null, string? ExpectedDutyVersion = null)
{
    public TaskChange Announcement => Outbox.Select(m => m.TaskChanged).OfType<TaskChange>().Single();
}
