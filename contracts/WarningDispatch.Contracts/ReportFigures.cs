namespace WarningDispatch.Contracts;

/// <summary>
/// The figures of a set of tasks (INTERFACE.md §9): the tasks <b>received</b> in a range of the centre's local days
/// (<c>Reporting:TimeZone</c>) in an area, as they stand now. Every figure counts those tasks, whenever their later
/// steps happened: a report of yesterday grows as yesterday's warnings are resolved or found defrauded. Rates are
/// fractions 0…1, null when their denominator is 0; amounts are CNY. Maps are keyed by the enum names, every name
/// present (0 when none).
/// </summary>
public record ReportFigures
{
    public required int Received { get; init; }
    /// <summary>Received by instruction <c>source</c>.</summary>
    public required IReadOnlyDictionary<string, int> BySource { get; init; }
    public required IReadOnlyDictionary<string, int> ByKind { get; init; }
    /// <summary>By the instruction's own risk level (not a case's raised one).</summary>
    public required IReadOnlyDictionary<string, int> ByRiskLevel { get; init; }
    /// <summary>Of the received, those resolved (any outcome).</summary>
    public required int Resolved { get; init; }
    public required IReadOnlyDictionary<string, int> ByOutcome { get; init; }
    /// <summary>Of the received, those that required a home visit (high risk, failed calls, a duty officer, a case).
    /// </summary>
    public required int HomeVisits { get; init; }
    /// <summary>Of the home visits, the officer was on scene by the visit deadline.</summary>
    public required int HomeVisitsWithinDeadline { get; init; }
    /// <summary>Of the home visits, still under way (see <see cref="ComplianceFigure.Pending"/>).</summary>
    public required int HomeVisitsPending { get; init; }
    /// <summary>"248" compliance: <see cref="HomeVisitsWithinDeadline"/> / (<see cref="HomeVisits"/> −
    /// <see cref="HomeVisitsPending"/>).</summary>
    public double? Compliance248 { get; init; }
    /// <summary>The same per area type of the post first routed to (<c>Urban</c> 2 h, <c>Suburban</c> 4 h,
    /// <c>Rural</c> 8 h).</summary>
    public required IReadOnlyDictionary<string, ComplianceFigure> Compliance248ByAreaType { get; init; }
    /// <summary>From <c>issuedAt</c> to the first acknowledgement.</summary>
    public required SecondsPercentiles AckSeconds { get; init; }
    /// <summary>From <c>issuedAt</c> to the first call recorded (a call result or a contact attempt, any result).
    /// </summary>
    public required SecondsPercentiles FirstContactSeconds { get; init; }
    /// <summary>From <c>issuedAt</c> to the first officer on scene.</summary>
    public required SecondsPercentiles OnSceneSeconds { get; init; }
    /// <summary>Tasks whose home-visit deadline was breached (nobody on scene by then).</summary>
    public required int Breaches { get; init; }
    /// <summary>Sum of the <c>FundsProtected</c> outcomes' amounts.</summary>
    public required decimal AmountProtected { get; init; }
    /// <summary>Sum of the <c>AlreadyDefrauded</c> outcomes' amounts and of the defrauded-after-warning amounts (the
    /// first report or follow-up of each task).</summary>
    public required decimal AmountLost { get; init; }
    /// <summary>Tasks whose person was defrauded after the warning (预后被骗).</summary>
    public required int DefraudedAfterWarning { get; init; }
    /// <summary><see cref="DefraudedAfterWarning"/> / <see cref="Received"/>.</summary>
    public double? DefraudedAfterWarningRate { get; init; }
    /// <summary>The dissuasion success rate: (<c>Dissuaded</c> + <c>FundsProtected</c>) / <see cref="Resolved"/>.
    /// </summary>
    public double? DissuasionRate { get; init; }
}
