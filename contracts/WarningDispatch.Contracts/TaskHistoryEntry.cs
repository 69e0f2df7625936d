namespace WarningDispatch.Contracts;

/// <summary>One step in a task's history: who did what, when, and why.</summary>
public record TaskHistoryEntry
{
    public required DateTimeOffset At { get; init; }
    /// <summary>"system" for the service's own decisions, otherwise the acting user.</summary>
    public required string Actor { get; init; }
    /// <summary>A short machine-readable step name, e.g. Routed, Acknowledged, CallRecorded, VisitWarning.</summary>
    public required string Action { get; init; }
    /// <summary>Human-readable reason, e.g. "nearest post with officers on duty, 4.2 km; jurisdiction post had none".</summary>
    public required string Detail { get; init; }
    public DispatchStatus Status { get; init; }
    public string? PostId { get; init; }
    public string? OfficerId { get; init; }
}
