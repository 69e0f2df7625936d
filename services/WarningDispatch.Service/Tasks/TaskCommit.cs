using WarningDispatch.Domain.Tasks;
using WarningDispatch.Service.Cases;
using WarningDispatch.Service.Escalation;
using WarningDispatch.Service.Feedback;

namespace WarningDispatch.Service.Tasks;

/// <summary>Everything one change of a task writes, all or nothing: the task, its feedback and (when other instances
/// may listen) its announcement, its next timer, its entry in its case, and its entries in the indexes that features
/// keep. With <c>ExpectedDutyVersion</c> (a task routed from memory) nothing is written unless the duty roster is that
/// version.
/// </summary>
public sealed record TaskCommit(
    DispatchTask Task, int ExpectedVersion, IReadOnlyList<OutboxMessage> Outbox, TimerEntry? WakeUp,
    TaskChange Announcement, CaseCommit? Case = null, IReadOnlyList<IndexEntry>? Indexes = null,
    string? ExpectedDutyVersion = null)
{
    /// <summary>Whether the announcement is in the outbox, i.e. goes to the other instances.</summary>
    public bool Announced => Outbox.Any(m => m.TaskChanged is not null);
}
