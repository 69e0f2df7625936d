namespace WarningDispatch.Contracts;

/// <summary>
/// A task as consoles see it: pushed as <c>taskChanged</c> on <c>/hubs/tasks</c> and returned by
/// <c>GET /api/tasks/{taskId}</c>.
/// <see cref="Version"/> grows by one with every change, so a console can tell that it missed one.
/// </summary>
public record TaskSnapshot
{
    public required string TaskId { get; init; }
    public required string InstructionId { get; init; }
    public required DispatchStatus Status { get; init; }
    public required RiskLevel RiskLevel { get; init; }
    public required InstructionSource Source { get; init; }
    public required InstructionKind Kind { get; init; }
    public string? FraudType { get; init; }
    public string? PostId { get; init; }
    public string? OfficerId { get; init; }
    /// <summary>
    /// The deadline of the current step (acknowledge, call, or home visit); null when resolved or unrouted.
    /// </summary>
    public DateTimeOffset? Deadline { get; init; }
    /// <summary>What <see cref="Deadline"/> is for: Acknowledge, Call or HomeVisit.</summary>
    public string? DeadlineKind { get; init; }
    public required int Version { get; init; }
    public required DateTimeOffset IssuedAt { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public DateTimeOffset? HomeVisitDeadline { get; init; }
    /// <summary>Home-visit deadline warnings reached so far: 50, 80, 100 (breached).</summary>
    public IReadOnlyList<int> VisitWarnings { get; init; } = [];
    public bool OnScene { get; init; }
    /// <summary>A home visit is required (failed call, high risk, duty officer, or call deadline missed).</summary>
    public bool HomeVisitRequired { get; init; }
    /// <summary>The recorded phone-warning result, if any.</summary>
    public CallResult? CallResult { get; init; }
    /// <summary>Escalated to the duty officers (deadline breached or escalation ladder exhausted).</summary>
    public bool NeedsDutyOfficer { get; init; }
    public TaskOutcome? Outcome { get; init; }
    public decimal? Amount { get; init; }
    /// <summary>The person at risk; masked for viewers who may not see personal data.</summary>
    public required WarningSubject Subject { get; init; }
    public WarningContext? Context { get; init; }
    /// <summary>
    /// When upstream learned the newest of the values shown in <see cref="Subject"/> and <see cref="Context"/>
    /// (INTERFACE.md §7); null while the task shows the instruction as it arrived.
    /// </summary>
    public DateTimeOffset? LastUpdateAt { get; init; }
    /// <summary>The centres whose duty officers see this task (the post's county and city centre).</summary>
    public IReadOnlyList<string> AreaIds { get; init; } = [];
    public required IReadOnlyList<TaskHistoryEntry> History { get; init; }
    /// <summary>Every call made to reach the person or a contact, oldest first.</summary>
    public IReadOnlyList<ContactAttempt> Attempts { get; init; } = [];
    /// <summary>
    /// What the viewer this snapshot was made for may do now (e.g. <c>["callResult", "outcome"]</c>), computed by the
    /// server from the same rules that refuse an action: a console shows exactly these buttons.
    /// </summary>
    public IReadOnlyList<TaskAction> AllowedActions { get; init; } = [];
    /// <summary>
    /// The person's case: the same for every task about the same person (equal id number or phone) inside
    /// <c>Correlation:Window</c>; null while this is the only warning about them. <c>GET /api/tasks?caseId=</c>.
    /// </summary>
    public string? CaseId { get; init; }
    /// <summary>The other tasks of the case.</summary>
    public IReadOnlyList<string> LinkedTaskIds { get; init; } = [];
    /// <summary>Every warning about the person in the case, this one included, oldest first.</summary>
    public IReadOnlyList<CaseWarning> CaseWarnings { get; init; } = [];
    /// <summary>
    /// The risk level the instruction itself gave; <see cref="RiskLevel"/> shows the highest of the case.
    /// </summary>
    public RiskLevel InstructionRiskLevel { get; init; }
    /// <summary>The person was defrauded after this warning (预后被骗); null while nobody said so.</summary>
    public DefraudedAfterWarning? DefraudedAfterWarning { get; init; }
    /// <summary>
    /// When the task was resolved: its first resolved step, which a later follow-up or defrauded mark (also steps
    /// of a resolved task) does not move; null while it is active.
    /// </summary>
    public DateTimeOffset? ResolvedAt { get; init; }
    /// <summary>
    /// When the follow-up visit (回访) is due: <c>FollowUp:After</c> after the task was resolved as Dissuaded,
    /// FundsProtected or PersonNotFound; null for other outcomes and while the task is active.
    /// </summary>
    public DateTimeOffset? FollowUpDueAt { get; init; }
    /// <summary>The follow-up visit once recorded; null while it is pending.</summary>
    public FollowUpRecord? FollowUp { get; init; }
}
