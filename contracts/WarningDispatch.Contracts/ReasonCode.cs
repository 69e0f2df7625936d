namespace WarningDispatch.Contracts;

/// <summary>
/// Why a routing or escalation step happened, as a code a console translates (<c>reason.{code}</c>) with the
/// <see cref="StepReason.Parameters"/> it names.
/// </summary>
public enum ReasonCode
{
    /// <summary>{post}, {postName}: another on-duty officer at the same post.</summary>
    NextOfficerAtPost,
    /// <summary>{post}, {postName}</summary>
    NoOtherOfficerAtPost,
    /// <summary>{region}</summary>
    JurisdictionPost,
    JurisdictionPostNoneOnDuty,
    /// <summary>{region}</summary>
    NoPostForRegion,
    /// <summary>{km}</summary>
    NearestPost,
    /// <summary>{km}</summary>
    NoStationWithinRange,
    /// <summary>{post}, {postName}</summary>
    UpHierarchy,
    /// <summary>{post}, {postName}</summary>
    NobodyOnDutyAt,
    NoPostFits,
    /// <summary>{officer}, {openTasks}</summary>
    FewestOpenTasks,
    /// <summary>{user}</summary>
    AssignedByDutyOfficer,
    HighRiskOnCall,
    /// <summary>{amount}, {threshold} (CNY)</summary>
    HighRiskAmount,
    /// <summary>The home visit starts on acknowledgement, beside the call (followed by the plan's reason).</summary>
    ParallelWithCall,
    /// <summary>{result}: a <see cref="Contracts.CallResult"/> name.</summary>
    CallFailed,
    /// <summary>{deadline}</summary>
    CallDeadlineMissed,
    /// <summary>{user}</summary>
    EscalatedByDutyOfficer,
    VisitAlreadyRequired,
    /// <summary>{officer}, {deadline}</summary>
    AckMissed,
    /// <summary>{officer}</summary>
    OfficerOffDuty,
    VisitBreached,
    /// <summary>{officer}, {post}: the officer already working another warning about the same person.</summary>
    CaseOfficer,
    /// <summary>{sources}: warnings about the person from two or more sources (comma-separated source names).</summary>
    CaseCorroborated,
    /// <summary>{count}: this many warnings about the person inside the correlation window.</summary>
    RepeatedWarnings,
    /// <summary>{count}: failed attempts to reach the person or their contacts.</summary>
    AttemptsFailed,
    /// <summary>The person's own line is busy while they are on a call with the fraudster.</summary>
    BusyWhileOnCall,
    /// <summary>An update moved the person: routed again from where they are now (then the route's reasons).</summary>
    LocationUpdated,
}
