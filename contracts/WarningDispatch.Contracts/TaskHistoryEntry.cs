namespace WarningDispatch.Contracts;

/// <summary>
/// One step in a task's history: who did what, when, and why. Consoles render <see cref="Code"/>,
/// <see cref="Parameters"/> and <see cref="Reasons"/> in the reader's language; <see cref="Detail"/> is the same in
/// English for upstream systems and logs.
/// </summary>
public record TaskHistoryEntry
{
    public required DateTimeOffset At { get; init; }
    /// <summary>"system" for the service's own decisions, otherwise the acting user.</summary>
    public required string Actor { get; init; }
    /// <summary>The step, from a closed set.</summary>
    public HistoryAction Code { get; init; }
    /// <summary>
    /// The step's name as text, the same as <see cref="Code"/>: kept for clients that read it, and read back from
    /// entries stored before <see cref="Code"/> existed.
    /// </summary>
    public string Action
    {
        get => Code.ToString();
        init
        {
            if (Enum.TryParse<HistoryAction>(value, out var code) && Enum.IsDefined(code)) Code = code;
        }
    }
    /// <summary>
    /// What the step names, by key: <c>officer</c>, <c>user</c>, <c>post</c>, <c>result</c>, <c>outcome</c>,
    /// <c>amount</c>, <c>percent</c>, <c>hours</c>, <c>areaType</c>, <c>deadline</c>, <c>minutesLate</c>…
    /// Times are ISO 8601 in the instruction's own offset (the officers' local time).
    /// </summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();
    /// <summary>Why it happened (routing and escalation), in order.</summary>
    public IReadOnlyList<StepReason> Reasons { get; init; } = [];
    /// <summary>
    /// Human-readable English, e.g. "nearest post with officers on duty, 4.2 km; jurisdiction post had none".
    /// </summary>
    public required string Detail { get; init; }
    public DispatchStatus Status { get; init; }
    public string? PostId { get; init; }
    public string? OfficerId { get; init; }
}
