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
    /// <summary>The new task joined the person's case ({caseId}, {warnings}, {sources}).</summary>
    LinkedToCase,
    /// <summary>Another warning about the person arrived ({source}, {instructionId}, {issuedAt}, {warnings}).</summary>
    CaseWarningAdded,
    /// <summary>An outcome recorded on another task of the case resolved this one too ({outcome}, {taskId}).</summary>
    ResolvedWithCase,
    /// <summary>{contact} ("subject" or an index), {relation}?, {result}: an <see cref="AttemptResult"/>.</summary>
    ContactAttempted,
    /// <summary>
    /// Upstream updated the warning (INTERFACE.md §7): {fields} applied, {stale} older than the values held (both
    /// comma-separated field names, never their values), {updateId}, {occurredAt}.
    /// </summary>
    Updated,
    /// <summary>
    /// The person was defrauded after this warning ({amountLost}, {occurredAt}, {reportId}? — none when a follow-up
    /// found it).
    /// </summary>
    DefraudedAfterWarning,
    /// <summary>The follow-up visit was recorded ({result}: a <see cref="FollowUpResult"/>, {amountLost}?).</summary>
    FollowUpRecorded,
    /// <summary>
    /// The officer's free-text note ({text}: personal data, replaced for viewers who may not see it; never in the
    /// English detail, which is logged).
    /// </summary>
    OfficerNote,
}
