namespace WarningDispatch.Domain.Cases;

/// <summary>
/// Something one task did that the other tasks of its case must follow: written to the outbox with the task's
/// commit, so it happens at least once even if the instance stops right after.
/// </summary>
public sealed record CaseEvent(CaseEventKind Kind, string CaseId, string TaskId);
