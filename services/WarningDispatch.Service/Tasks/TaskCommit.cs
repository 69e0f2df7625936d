using WarningDispatch.Domain.Tasks;
using WarningDispatch.Service.Cases;
using WarningDispatch.Service.Escalation;
using WarningDispatch.Service.Feedback;

namespace WarningDispatch.Service.Tasks;

/// <summary>Everything one change of a task writes, all or nothing.</summary>
public sealed record TaskCommit(
    DispatchTask Task, int ExpectedVersion, IReadOnlyList<OutboxMessage> Outbox, TimerEntry? WakeUp,
    CaseCommit? Case = null)
{
    public TaskChange Announcement => Outbox.Select(m => m.TaskChanged).OfType<TaskChange>().Single();
}
