using WarningDispatch.Contracts;
using WarningDispatch.Domain.Cases;
using WarningDispatch.Service.Tasks;

namespace WarningDispatch.Service.Feedback;

/// <summary>
/// Something to publish after a write, stored with the write itself (a transactional outbox): feedback for upstream,
/// or a changed task for the consoles. A dispatcher publishes entries in order and only then removes them.
/// </summary>
public sealed record OutboxMessage
{
    public InstructionStatusChanged? Feedback { get; init; }
    public TaskChange? TaskChanged { get; init; }
    /// <summary>Not published: the other tasks of a case follow this task
    /// (<see cref="Cases.CaseFollowUps"/>).</summary>
    public CaseEvent? CaseEvent { get; init; }
    /// <summary>Not published: a recorded fraud report to match (<see cref="FraudReports.FraudReportFollowUps"/>).
    /// </summary>
    public string? FraudReportId { get; init; }
    /// <summary>W3C trace context of the change, so the publish and the push join the ingest trace.</summary>
    public string? TraceParent { get; init; }

    /// <summary>
    /// Entries of one task (or one rejected instruction) must go out in order; different tasks need not.
    /// </summary>
    public string OrderingKey =>
        TaskChanged?.TaskId ?? Feedback?.TaskId ?? Feedback?.InstructionId ?? CaseEvent?.CaseId ?? FraudReportId ?? "";
}
