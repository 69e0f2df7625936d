using System.Globalization;
using System.Text.Json.Serialization;
using WarningDispatch.Contracts;
using WarningDispatch.Domain.Escalation;

namespace WarningDispatch.Domain.Tasks;

/// <summary>
/// Reaching the person: every call to them or to one of their contacts is recorded, and failing calls send the task
/// to a home visit (after <see cref="ContactPolicy.FailedAttemptsBeforeVisit"/>, or at once when the person's own line
/// is busy while upstream says they are on a call: "he must be talking to the fraudster right now").
/// </summary>
public sealed partial class DispatchTask
{
    [JsonIgnore] public IReadOnlyList<ContactAttempt> Attempts => StoredAttempts;

    [JsonInclude, JsonPropertyName("attempts")] List<ContactAttempt> StoredAttempts { get; set; } = [];

    /// <summary>Failed attempts so far: every result but Reached, to anyone.</summary>
    [JsonIgnore] public int FailedAttempts => StoredAttempts.Count(a => a.Result != AttemptResult.Reached);

    /// <param name="contact">Index into the subject's contacts; null for the person's own line.</param>
    public ActionResult RecordAttempt(Actor actor, string actionId, int? contact, AttemptResult result,
        ContactPolicy policy, DateTimeOffset now)
    {
        var contacts = Instruction.Subject.Contacts ?? [];
        // How many contacts a task has is for those who may see it.
        if (!IsVisibleTo(actor)) return ActionResult.Forbidden(new Refusal(ProblemCode.NotYourTask));
        if (contact is { } i && (i < 0 || i >= contacts.Count))
            return ActionResult.Invalid(new Refusal(ProblemCode.UnknownContact,
                ("field", "contact"), ("count", contacts.Count.ToString(CultureInfo.InvariantCulture))), "contact");
        var who = contact?.ToString(CultureInfo.InvariantCulture) ?? "subject";
        return Act(actor, actionId, TaskAction.Attempt, $"attempt|{who}|{result}", () =>
        {
            StoredAttempts.Add(new ContactAttempt
            {
                At = now, Contact = contact, Result = result, OfficerId = actor.OfficerId, UserId = actor.UserId,
            });
            // The relation is a role word ("son"), never the contact's name or number: those are personal data.
            var relation = contact is { } c ? contacts[c].Relation : null;
            var whom = contact is null ? "the person"
                : relation is null ? $"contact {who}" : $"contact {who} ({relation})";
            Record(now, actor, HistoryAction.ContactAttempted, $"called {whom}: {result}",
                parameters: relation is null
                    ? [("contact", who), ("result", result.ToString())]
                    : [("contact", who), ("relation", relation), ("result", result.ToString())]);
            if (Status != DispatchStatus.PhoneWarning) return;
            if (contact is null && result == AttemptResult.Busy && Instruction.Context?.OnCallNow == true)
                EnterHomeVisit(now, actor, [Reasons.Of(ReasonCode.BusyWhileOnCall)]);
            else if (FailedAttempts >= policy.FailedAttemptsBeforeVisit)
                EnterHomeVisit(now, actor, [Reasons.Of(ReasonCode.AttemptsFailed,
                    ("count", FailedAttempts.ToString(CultureInfo.InvariantCulture)))]);
        });
    }

    /// <summary>Calls go on during the phone warning and during the home visit, until an officer is on scene.</summary>
    Refusal? WhyNoAttempt() =>
        Status is not (DispatchStatus.PhoneWarning or DispatchStatus.HomeVisit)
            ? new Refusal(ProblemCode.NoPhoneWarning, ("status", Status.ToString()))
            : OnScene ? new Refusal(ProblemCode.AlreadyOnScene) : null;
}
