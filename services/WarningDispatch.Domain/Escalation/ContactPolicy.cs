namespace WarningDispatch.Domain.Escalation;

/// <summary>
/// When failed calls send a task to a home visit (configuration section <c>Contact</c>). Handed to each
/// <see cref="Tasks.DispatchTask.RecordAttempt"/> call, so a changed setting applies to the next attempt.
/// </summary>
public sealed record ContactPolicy
{
    /// <summary>Failed attempts (to the person or any contact; every result but Reached) before a home visit.</summary>
    public int FailedAttemptsBeforeVisit { get; init; } = 3;
}
