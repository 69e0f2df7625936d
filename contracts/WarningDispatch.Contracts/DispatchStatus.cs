namespace WarningDispatch.Contracts;

/// <summary>Where a task stands on the escalation ladder.</summary>
public enum DispatchStatus { Unrouted, Assigned, PhoneWarning, HomeVisit, Resolved }
