namespace WarningDispatch.Domain.Tasks;

/// <summary>What the current step's deadline is for; the snapshot's <c>deadlineKind</c> is its name.</summary>
public enum DeadlineKind { Acknowledge, Call, HomeVisit }
