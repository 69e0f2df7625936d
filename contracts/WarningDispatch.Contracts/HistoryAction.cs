namespace WarningDispatch.Contracts;

/// <summary>
/// The closed set of steps a task's history records, sent as their names (<c>"code": "Acknowledged"</c>). Metrics,
/// translations (<c>history.{code}</c>) and tests match these values, never the English sentence.
/// </summary>
public enum HistoryAction
{
    Received,
    PlanFrozen,
    Routed,
    Unrouted,
    Assigned,
    Reassigned,
    Acknowledged,
    CallRecorded,
    HomeVisit,
    HomeVisitRequired,
    ArrivedOnScene,
    VisitWarning,
    VisitBreached,
    AckMissed,
    OfficerOffDuty,
    LadderExhausted,
    Resolved,
    /// <summary>
    /// Upstream updated the warning (INTERFACE.md §7): {fields} applied, {stale} older than the values held (both
    /// comma-separated field names, never their values), {updateId}, {occurredAt}.
    /// </summary>
    Updated,
}
