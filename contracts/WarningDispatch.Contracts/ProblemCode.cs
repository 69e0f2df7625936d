namespace WarningDispatch.Contracts;

/// <summary>
/// Why the task endpoints refused a request: the <c>code</c> of their problem+json answers (with <c>parameters</c>),
/// which a console translates (<c>problem.{code}</c>); <c>detail</c> says the same in zh-CN, then English.
/// </summary>
public enum ProblemCode
{
    // 409: the ladder does not allow it now. {status} is the task's DispatchStatus.
    NotAllowedNow,
    NotAssigned,
    NotAssignedOfficer,
    NoPhoneWarning,
    CallAlreadyRecorded,
    NoHomeVisit,
    ArrivalAlreadyRecorded,
    NoOutcomeNow,
    DutyOfficerOnly,
    VisitAlreadyRequired,
    TaskResolved,
    /// <summary>{officer}</summary>
    AlreadyAssigned,
    AssignmentNeedsOfficer,
    /// <summary>{officer}</summary>
    OfficerNotOnDuty,
    /// <summary>{actionId}, {applied}, {requested}: what the id did, and what it was sent with now.</summary>
    ActionIdReused,
    // 403
    NotYourTask,
    OutsideArea,
    // 404
    TaskNotFound,
    // 400 / 415: {field} names the request field.
    ActionIdRequired,
    ActionIdCharacters,
    /// <summary>{outcome}</summary>
    AmountRequired,
    AmountNotAllowed,
    AmountNegative,
    /// <summary>{field}, {values}: a comma-separated list of the accepted names.</summary>
    NotOneOf,
    UnknownOfficer,
    StatusFilter,
    NotJsonContent,
    InvalidJson,
    NotJsonObject,
    /// <summary>{field}</summary>
    MustBeNumber,
    /// <summary>{field}</summary>
    MustBeBoolean,
    /// <summary>{field}</summary>
    MustBeString,
    /// <summary>{field}</summary>
    Unreadable,
    // 409
    /// <summary>Calls are recorded until the officer is on scene.</summary>
    AlreadyOnScene,
    // 400
    /// <summary>{field}, {count}: "subject" or the index of one of the task's {count} contacts.</summary>
    UnknownContact,
    /// <summary>{updateId}: 409, the update id was applied before with another payload.</summary>
    UpdateIdReused,
    // 400: queries
    /// <summary>{field}: a day as YYYY-MM-DD.</summary>
    DateFormat,
    /// <summary>from is after to.</summary>
    DateOrder,
    /// <summary>{max}: at most this many days in one request.</summary>
    DateRangeTooLong,
    /// <summary>{fields}: a search takes exactly one of these (a date range alone, or to narrow another).</summary>
    SearchCriteria,
    /// <summary>{field}, {min}, {max}: a whole number in this range.</summary>
    NumberRange,
    /// <summary>{field}: a value that cannot name anything (e.g. a phone that is not E.164).</summary>
    InvalidValue,
    // 403
    /// <summary>Searching by a person's data needs the right to see personal data.</summary>
    PersonalDataRequired,
    /// <summary>What names no area (fraud reports) is for the duty officers of the whole region.</summary>
    RegionDutyOnly,
    // 409: the follow-up visit
    /// <summary>{status}: only a task resolved as Dissuaded, FundsProtected or PersonNotFound has one.</summary>
    NoFollowUp,
    FollowUpAlreadyRecorded,
    // 400
    /// <summary>{field}: an amount lost only with the result Defrauded.</summary>
    AmountLostNotAllowed,
    /// <summary>{field}, {max}: at most this many characters.</summary>
    TextTooLong,
    /// <summary>{field}: control or invisible format characters.</summary>
    TextCharacters,
    /// <summary>{field}: a text that says something (not empty, not only spaces).</summary>
    TextRequired,
}
