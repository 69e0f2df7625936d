using System.Globalization;
using WarningDispatch.Contracts;
using WarningDispatch.Domain.Ingest;

namespace WarningDispatch.Domain.Tasks;

/// <summary>
/// The field officer's free-text note (what they found, who they spoke to), kept in the history as an
/// <see cref="HistoryAction.OfficerNote"/> step. The text is personal data: it is a parameter only, never part of the
/// English detail (which is logged), and <see cref="PersonalData.Mask(TaskSnapshot)"/> hides it from viewers who may
/// not see personal data.
/// </summary>
public sealed partial class DispatchTask
{
    public const int MaxOfficerNote = 500;

    /// <summary>The history parameter that holds the note's text.</summary>
    public const string NoteTextParameter = "text";

    public ActionResult RecordNote(Actor actor, string actionId, string? text, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(text))
            return ActionResult.Invalid(new Refusal(ProblemCode.TextRequired, ("field", "text")), "text");
        if (text.Length > MaxOfficerNote)
            return ActionResult.Invalid(new Refusal(ProblemCode.TextTooLong, ("field", "text"),
                ("max", MaxOfficerNote.ToString(CultureInfo.InvariantCulture))), "text");
        // Line breaks are fine in a note; bidi overrides and other invisible characters could make it lie.
        if (text.Any(ch => InstructionParser.IsForbidden(ch, allowLineBreaks: true)))
            return ActionResult.Invalid(new Refusal(ProblemCode.TextCharacters, ("field", "text")), "text");
        var note = text.Trim();
        // The fingerprint binds the id to "a note", not to its text: a refusal of a reused id shows the fingerprint,
        // and the text is personal data.
        return Act(actor, actionId, TaskAction.Note, "note", () =>
            Record(now, actor, HistoryAction.OfficerNote, $"note by {actor.UserId}",
                parameters: [("user", actor.UserId), (NoteTextParameter, note)]));
    }

    /// <summary>The assigned officer notes what they do while the task is worked: before it is resolved.</summary>
    Refusal? WhyNoNote(Actor actor) =>
        Status is DispatchStatus.Resolved ? new Refusal(ProblemCode.TaskResolved)
        : actor.Role != ActorRole.FieldOfficer || actor.OfficerId is null || actor.OfficerId != OfficerId
            ? new Refusal(ProblemCode.NotAssignedOfficer)
        : null;
}
