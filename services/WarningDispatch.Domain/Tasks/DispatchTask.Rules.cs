using WarningDispatch.Contracts;

namespace WarningDispatch.Domain.Tasks;

/// <summary>Who may do what, when: the one source of both the refusals (409/403) and the allowed actions.</summary>
public sealed partial class DispatchTask
{
    public bool IsVisibleTo(Actor actor) => actor.Role switch
    {
        ActorRole.System => true,
        ActorRole.DutyOfficer => actor.AreaId is not null && AreaIds.Contains(actor.AreaId),
        ActorRole.FieldOfficer => actor.OfficerId is not null && actor.OfficerId == OfficerId
            // The post's officers do its follow-up visits: they see the task while one is pending, and the one who
            // recorded it still does, so a retry of the same action (the answer was lost) is answered as applied.
            || actor.PostId is not null && actor.PostId == PostId
                && (FollowUpPending || FollowUp?.By == actor.UserId),
        _ => false,
    };

    /// <summary>The actions <paramref name="viewer"/> may take now, in the order consoles show them.</summary>
    public IReadOnlyList<TaskAction> AllowedActions(Actor viewer) =>
        IsVisibleTo(viewer) ? Enum.GetValues<TaskAction>().Where(a => WhyNot(a, viewer) is null).ToList() : [];

    /// <summary>
    /// Why <paramref name="actor"/> may not take <paramref name="action"/> at this step, or null when they may
    /// (visibility is checked before; an action's payload, e.g. whom to assign, after).
    /// </summary>
    public Refusal? WhyNot(TaskAction action, Actor actor)
    {
        var status = ("status", Status.ToString());
        return action switch
        {
            TaskAction.Acknowledge =>
                Status != DispatchStatus.Assigned ? new Refusal(ProblemCode.NotAssigned, status)
                : actor.OfficerId != OfficerId ? new Refusal(ProblemCode.NotAssignedOfficer) : null,
            // During a home visit that started at once, the call still runs beside it until its result is in.
            TaskAction.CallResult =>
                Status == DispatchStatus.PhoneWarning ? null
                : Status == DispatchStatus.HomeVisit
                    ? CallResult is null ? null : new Refusal(ProblemCode.CallAlreadyRecorded)
                : new Refusal(ProblemCode.NoPhoneWarning, status),
            TaskAction.Arrive =>
                Status != DispatchStatus.HomeVisit ? new Refusal(ProblemCode.NoHomeVisit, status)
                : OnScene ? new Refusal(ProblemCode.ArrivalAlreadyRecorded) : null,
            TaskAction.Outcome =>
                Status is DispatchStatus.PhoneWarning or DispatchStatus.HomeVisit ? null
                : new Refusal(ProblemCode.NoOutcomeNow, status),
            TaskAction.Escalate =>
                actor.Role != ActorRole.DutyOfficer ? new Refusal(ProblemCode.DutyOfficerOnly)
                : HomeVisitRequired ? new Refusal(ProblemCode.VisitAlreadyRequired)
                : Status == DispatchStatus.Resolved ? new Refusal(ProblemCode.TaskResolved) : null,
            TaskAction.Assign =>
                actor.Role != ActorRole.DutyOfficer ? new Refusal(ProblemCode.DutyOfficerOnly)
                : Status == DispatchStatus.Resolved ? new Refusal(ProblemCode.TaskResolved) : null,
            TaskAction.Attempt => WhyNoAttempt(),
            TaskAction.FollowUp => WhyNoFollowUp(),
            TaskAction.Note => WhyNoNote(actor),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
        };
    }
}
