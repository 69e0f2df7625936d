namespace WarningDispatch.Contracts;

/// <summary>How a task ended.</summary>
public enum TaskOutcome { Dissuaded, FundsProtected, AlreadyDefrauded, PersonNotFound, FalseAlarm }
