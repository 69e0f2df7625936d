using WarningDispatch.Contracts;
using WarningDispatch.Domain.Escalation;
using WarningDispatch.Domain.Routing;
using WarningDispatch.Domain.Tasks;
using static WarningDispatch.Domain.Tests.TestRegion;

namespace WarningDispatch.Domain.Tests;

/// <summary>
/// The officer's free-text note: recorded in the history by the assigned officer while the task is worked, checked
/// like other free text (length, invisible characters), and hidden whole from viewers without the personal-data right.
/// </summary>
public class OfficerNoteTests
{
    static readonly Actor OfficerA = Actor.Field("a", "A", "S1");
    static readonly Actor OfficerB = Actor.Field("b", "B", "S1");
    static readonly Actor Duty = Actor.Duty("duty", "K1");
    const string Text = "家属在场，本人已同意暂停转账\n明早再回访";

    static DispatchTask NewTask()
    {
        var roster = new FakeRoster().OnDuty("S1", "A").OnDuty("S1", "B");
        var instruction = Instruction();
        var task = DispatchTask.Create("T1", instruction, T0.AddSeconds(20),
            new EscalationPolicy().PlanFor(instruction, AreaType.Urban), Router().Route(instruction.Subject, roster));
        Assert.That(task.OfficerId, Is.EqualTo("A"));
        return task;
    }

    [Test]
    public void The_assigned_officer_notes_and_the_note_is_the_last_history_step_with_its_text()
    {
        var task = NewTask();
        task.Acknowledge(OfficerA, "1", T0.AddMinutes(1));
        var version = task.Version;

        var result = task.RecordNote(OfficerA, "n-1", "  " + Text + " ", T0.AddMinutes(2));

        Assert.That(result.Status, Is.EqualTo(ActionStatus.Applied));
        Assert.That(task.Version, Is.EqualTo(version + 1));
        var step = task.History[^1];
        Assert.That(step.Code, Is.EqualTo(HistoryAction.OfficerNote));
        Assert.That(step.Parameters["text"], Is.EqualTo(Text), "trimmed, line break kept");
        Assert.That(step.Parameters["user"], Is.EqualTo("a"));
        Assert.That(step.Detail, Does.Not.Contain("家属"), "the English detail is logged: never the text");
        Assert.That(step.Status, Is.EqualTo(DispatchStatus.PhoneWarning), "a note does not move the task");
        Assert.That(task.RecordNote(OfficerA, "n-1", Text, T0.AddMinutes(3)).Status,
            Is.EqualTo(ActionStatus.AlreadyApplied), "a retry of the same id");
        Assert.That(task.History.Count(h => h.Code == HistoryAction.OfficerNote), Is.EqualTo(1));
    }

    [Test]
    public void Only_the_assigned_officer_of_an_active_task_may_note()
    {
        var task = NewTask();
        Assert.That(task.AllowedActions(OfficerA), Does.Contain(TaskAction.Note));
        Assert.That(task.AllowedActions(Duty), Does.Not.Contain(TaskAction.Note));

        Assert.That(task.RecordNote(OfficerB, "n-1", Text, T0).Status, Is.EqualTo(ActionStatus.Forbidden),
            "not their task");
        var duty = task.RecordNote(Duty, "n-2", Text, T0);
        Assert.That(duty.Status, Is.EqualTo(ActionStatus.NotAllowed));
        Assert.That(duty.Refusal!.Code, Is.EqualTo(ProblemCode.NotAssignedOfficer));

        task.Acknowledge(OfficerA, "1", T0.AddMinutes(1));
        task.RecordOutcome(OfficerA, "2", TaskOutcome.Dissuaded, null, T0.AddMinutes(5), FollowUp);
        var late = task.RecordNote(OfficerA, "n-3", Text, T0.AddMinutes(6));
        Assert.That(late.Status, Is.EqualTo(ActionStatus.NotAllowed));
        Assert.That(late.Refusal!.Code, Is.EqualTo(ProblemCode.TaskResolved));
        Assert.That(task.AllowedActions(OfficerA), Does.Not.Contain(TaskAction.Note));
    }

    [TestCase("", ProblemCode.TextRequired)]
    [TestCase("   \n ", ProblemCode.TextRequired)]
    [TestCase("已劝阻\u202E", ProblemCode.TextCharacters)]
    [TestCase("已劝阻\u0007", ProblemCode.TextCharacters)]
    [TestCase("a\u200Bb", ProblemCode.TextCharacters)]
    public void A_note_that_says_nothing_or_hides_characters_is_refused(string text, ProblemCode code)
    {
        var task = NewTask();
        var result = task.RecordNote(OfficerA, "n-1", text, T0);
        Assert.That(result.Status, Is.EqualTo(ActionStatus.Invalid));
        Assert.That(result.Refusal!.Code, Is.EqualTo(code));
        Assert.That(result.Field, Is.EqualTo("text"));
        Assert.That(task.History.Any(h => h.Code == HistoryAction.OfficerNote), Is.False);
    }

    [Test]
    public void A_note_of_500_characters_is_taken_and_501_are_refused()
    {
        var task = NewTask();
        Assert.That(task.RecordNote(OfficerA, "n-1", new string('劝', 500), T0).Status,
            Is.EqualTo(ActionStatus.Applied));
        var tooLong = task.RecordNote(OfficerA, "n-2", new string('劝', 501), T0);
        Assert.That(tooLong.Status, Is.EqualTo(ActionStatus.Invalid));
        Assert.That(tooLong.Refusal!.Code, Is.EqualTo(ProblemCode.TextTooLong));
        Assert.That(tooLong.Refusal.Parameters["max"], Is.EqualTo("500"));
    }

    [Test]
    public void A_masked_snapshot_hides_the_note_text_and_keeps_the_step()
    {
        var task = NewTask();
        task.RecordNote(OfficerA, "n-1", Text, T0);

        var masked = task.ToSnapshot(Duty, maskPersonalData: true).History[^1];
        Assert.That(masked.Code, Is.EqualTo(HistoryAction.OfficerNote));
        Assert.That(masked.Parameters["text"], Is.EqualTo(PersonalData.HiddenNote));
        Assert.That(masked.Parameters["user"], Is.EqualTo("a"));
        Assert.That(task.ToSnapshot(OfficerA, maskPersonalData: false).History[^1].Parameters["text"],
            Is.EqualTo(Text));
        Assert.That(task.History[^1].Parameters["text"], Is.EqualTo(Text), "masking copies, never changes the task");
    }
}
