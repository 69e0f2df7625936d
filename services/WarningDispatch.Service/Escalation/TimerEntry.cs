namespace WarningDispatch.Service.Escalation;

/// <summary>A wake-up for the escalation ladder, valid only for the task version it was set for.</summary>
public sealed record TimerEntry(string TaskId, int Version, DateTimeOffset DueAt);
