using System.Globalization;
using System.Text.Json.Serialization;
using WarningDispatch.Contracts;
using WarningDispatch.Domain.Ingest;

namespace WarningDispatch.Domain.Tasks;

/// <summary>
/// The follow-up visit (回访, INTERFACE.md §8): a task resolved with the person warned in time (Dissuaded,
/// FundsProtected) or not found has a visit due <see cref="FollowUpPolicy.After"/> later, done by the officers of its
/// post or the duty officers of its area. A visit that finds the person defrauded marks the task in the same change.
/// </summary>
public sealed partial class DispatchTask
{
    public const int MaxFollowUpNote = 500;

    /// <summary>When the follow-up visit is due; null when there is none (still active, or another outcome).</summary>
    [JsonInclude] public DateTimeOffset? FollowUpDueAt { get; private set; }
    /// <summary>The follow-up visit once recorded.</summary>
    [JsonInclude] public FollowUpRecord? FollowUp { get; private set; }

    [JsonIgnore] public bool FollowUpPending => FollowUpDueAt is not null && FollowUp is null;

    void ScheduleFollowUp(TaskOutcome outcome, DateTimeOffset resolvedAt, FollowUpPolicy policy) =>
        FollowUpDueAt = outcome is TaskOutcome.Dissuaded or TaskOutcome.FundsProtected or TaskOutcome.PersonNotFound
            ? resolvedAt + policy.After
            : null;

    /// <summary>
    /// Records what the follow-up visit found. Only <see cref="FollowUpResult.Defrauded"/> has an amount (lost, ≥ 0),
    /// and it marks the task defrauded after the warning. The note is the officer's free text (personal data).
    /// </summary>
    public ActionResult RecordFollowUp(Actor actor, string actionId, FollowUpResult result, decimal? amountLost,
        string? note, DateTimeOffset now)
    {
        if (result == FollowUpResult.Defrauded && amountLost is null)
            return ActionResult.Invalid(new Refusal(ProblemCode.AmountRequired,
                ("field", "amountLost"), ("outcome", result.ToString())), "amountLost");
        if (result != FollowUpResult.Defrauded && amountLost is not null)
            return ActionResult.Invalid(
                new Refusal(ProblemCode.AmountLostNotAllowed, ("field", "amountLost")), "amountLost");
        if (amountLost < 0)
            return ActionResult.Invalid(new Refusal(ProblemCode.AmountNegative, ("field", "amountLost")), "amountLost");
        if (note is { Length: > MaxFollowUpNote })
            return ActionResult.Invalid(new Refusal(ProblemCode.TextTooLong, ("field", "note"),
                ("max", MaxFollowUpNote.ToString(CultureInfo.InvariantCulture))), "note");
        if (note is not null && note.Any(ch => InstructionParser.IsForbidden(ch, allowLineBreaks: true)))
            return ActionResult.Invalid(new Refusal(ProblemCode.TextCharacters, ("field", "note")), "note");
        // The note stays out of the fingerprint: a reused id's refusal shows the fingerprint, and the note is
        // personal data. The same id with another note is the same visit.
        var amount = amountLost is { } a ? Reasons.Number(a) : null;
        return Act(actor, actionId, TaskAction.FollowUp, $"follow-up|{result}" + (amount is null ? "" : $"|{amount}"),
            () =>
            {
                FollowUp = new FollowUpRecord
                {
                    Result = result, RecordedAt = now, By = actor.UserId, AmountLost = amountLost,
                    Note = string.IsNullOrWhiteSpace(note) ? null : note,
                };
                Record(now, actor, HistoryAction.FollowUpRecorded,
                    $"follow-up visit: {result}" + (amount is null ? "" : $", {amount} CNY lost"),
                    parameters: amount is null
                        ? [("result", result.ToString())]
                        : [("result", result.ToString()), ("amountLost", amount)]);
                if (result == FollowUpResult.Defrauded)
                    ApplyDefrauded(new DefraudedAfterWarning { OccurredAt = now, AmountLost = amountLost!.Value },
                        actor, now);
            });
    }

    Refusal? WhyNoFollowUp() =>
        FollowUp is not null ? new Refusal(ProblemCode.FollowUpAlreadyRecorded)
        : FollowUpDueAt is null ? new Refusal(ProblemCode.NoFollowUp, ("status", Status.ToString()))
        : null;
}
