using System.Text.Json;
using WarningDispatch.Contracts;
using WarningDispatch.Domain.Escalation;
using WarningDispatch.Domain.Ingest;
using WarningDispatch.Domain.Routing;
using WarningDispatch.Domain.Tasks;
using static WarningDispatch.Domain.Tests.TestRegion;

namespace WarningDispatch.Domain.Tests;

/// <summary>
/// The follow-up visit (回访): due <see cref="FollowUpPolicy.After"/> after a resolution that warned the person
/// in time or did not find them, recorded once by the post's officers or the area's duty officers; Defrauded marks
/// the task.
/// </summary>
public class FollowUpTests
{
    static readonly EscalationPolicy Escalation = new();
    static readonly FollowUpPolicy Policy = new(TimeSpan.FromHours(72));
    // A routes to S1 (the instruction's region); B is another officer of S1; C is at S2.
    static readonly Actor OfficerA = Actor.Field("a", "A", "S1");
    static readonly Actor PostOfficer = Actor.Field("b", "B", "S1");
    static readonly Actor OtherPost = Actor.Field("c", "C", "S2");
    static readonly Actor Duty = Actor.Duty("duty", "K1");
    static readonly DateTimeOffset Resolved = T0.AddMinutes(20);
    int _ids;

    string Id() => $"action-{++_ids}";

    static DispatchTask NewTask()
    {
        var roster = new FakeRoster().OnDuty("S1", "A").OnDuty("S2", "C");
        var instruction = Instruction();
        return DispatchTask.Create("T1", instruction, T0.AddSeconds(20),
            Escalation.PlanFor(instruction, AreaType.Urban), Router().Route(instruction.Subject, roster));
    }

    DispatchTask ResolvedAs(TaskOutcome outcome, FollowUpPolicy? policy = null)
    {
        var task = NewTask();
        Assert.That(task.OfficerId, Is.EqualTo("A"));
        task.Acknowledge(OfficerA, Id(), T0.AddMinutes(1));
        decimal? amount = outcome is TaskOutcome.FundsProtected or TaskOutcome.AlreadyDefrauded ? 5000m : null;
        Assert.That(task.RecordOutcome(OfficerA, Id(), outcome, amount, Resolved, policy ?? Policy).Status,
            Is.EqualTo(ActionStatus.Applied));
        task.TakeFeedback();
        return task;
    }

    [TestCase(TaskOutcome.Dissuaded)]
    [TestCase(TaskOutcome.FundsProtected)]
    [TestCase(TaskOutcome.PersonNotFound)]
    public void A_follow_up_is_due_exactly_After_after_the_resolution(TaskOutcome outcome)
    {
        var task = ResolvedAs(outcome);

        Assert.That(task.FollowUpDueAt, Is.EqualTo(Resolved.AddHours(72)));
        Assert.That(task.ToSnapshot(false).FollowUpDueAt, Is.EqualTo(Resolved.AddHours(72)));
        Assert.That(task.FollowUpPending, Is.True);
    }

    [Test]
    public void The_policy_passed_in_sets_the_due_time()
    {
        var task = ResolvedAs(TaskOutcome.Dissuaded, new FollowUpPolicy(TimeSpan.FromHours(24)));

        Assert.That(task.FollowUpDueAt, Is.EqualTo(Resolved.AddHours(24)));
    }

    [Test]
    public void A_call_that_dissuades_the_person_schedules_the_follow_up_too()
    {
        var task = NewTask();
        task.Acknowledge(OfficerA, Id(), T0.AddMinutes(1));
        task.RecordCallResult(OfficerA, Id(), CallResult.ReachedAndDissuaded, Resolved, Policy);

        Assert.That((task.Outcome, task.FollowUpDueAt), Is.EqualTo((TaskOutcome.Dissuaded, Resolved.AddHours(72))));
    }

    [Test]
    public void A_task_resolved_with_its_case_has_its_own_follow_up()
    {
        var task = NewTask();

        Assert.That(task.ResolvedWithCase(TaskOutcome.Dissuaded, "T-other", Resolved, Policy), Is.True);
        Assert.That(task.FollowUpDueAt, Is.EqualTo(Resolved.AddHours(72)));
    }

    [TestCase(TaskOutcome.FalseAlarm)]
    [TestCase(TaskOutcome.AlreadyDefrauded)]
    public void Other_outcomes_have_no_follow_up(TaskOutcome outcome)
    {
        var task = ResolvedAs(outcome);

        Assert.That(task.FollowUpDueAt, Is.Null);
        Assert.That(task.ToSnapshot(Duty, false).AllowedActions, Does.Not.Contain(TaskAction.FollowUp));
        var refused = task.RecordFollowUp(Duty, Id(), FollowUpResult.Safe, null, null, Resolved.AddHours(72));
        Assert.That((refused.Status, refused.Refusal!.Code),
            Is.EqualTo((ActionStatus.NotAllowed, ProblemCode.NoFollowUp)));
    }

    [Test]
    public void An_active_task_has_no_follow_up_yet()
    {
        var task = NewTask();
        task.Acknowledge(OfficerA, Id(), T0.AddMinutes(1));

        var refused = task.RecordFollowUp(OfficerA, Id(), FollowUpResult.Safe, null, null, T0.AddMinutes(2));

        Assert.That((refused.Status, refused.Refusal!.Code),
            Is.EqualTo((ActionStatus.NotAllowed, ProblemCode.NoFollowUp)));
        Assert.That(refused.Refusal.Parameters["status"], Is.EqualTo("PhoneWarning"));
        Assert.That(task.FollowUpDueAt, Is.Null);
    }

    [TestCase(FollowUpResult.Safe)]
    [TestCase(FollowUpResult.Unreachable)]
    public void Recording_Safe_or_Unreachable_ends_the_follow_up_in_one_change(FollowUpResult result)
    {
        var task = ResolvedAs(TaskOutcome.Dissuaded);
        var version = task.Version;
        var at = Resolved.AddHours(73);

        var done = task.RecordFollowUp(PostOfficer, Id(), result, null, "见到本人 / met the person", at);

        Assert.That(done.Status, Is.EqualTo(ActionStatus.Applied));
        Assert.That(task.Version, Is.EqualTo(version + 1));
        Assert.That(task.FollowUp, Is.EqualTo(new FollowUpRecord
        {
            Result = result, RecordedAt = at, By = "b", Note = "见到本人 / met the person",
        }));
        Assert.That(task.FollowUpPending, Is.False);
        Assert.That(task.History[^1].Code, Is.EqualTo(HistoryAction.FollowUpRecorded));
        Assert.That(task.History[^1].Parameters["result"], Is.EqualTo(result.ToString()));
        Assert.That(task.DefraudedAfterWarning, Is.Null);
        Assert.That(task.TakeFeedback(), Is.Empty, "nothing for upstream: the person is safe or was not reached");
    }

    [Test]
    public void Recording_Defrauded_marks_the_task_defrauded_after_warning_with_the_amount_in_the_same_change()
    {
        var task = ResolvedAs(TaskOutcome.FundsProtected);
        var version = task.Version;
        var at = Resolved.AddHours(80);

        var done = task.RecordFollowUp(Duty, Id(), FollowUpResult.Defrauded, 12000.5m, null, at);

        Assert.That(done.Status, Is.EqualTo(ActionStatus.Applied));
        Assert.That(task.Version, Is.EqualTo(version + 1), "one change, one version");
        Assert.That(task.History.TakeLast(2).Select(h => h.Code),
            Is.EqualTo(new[] { HistoryAction.FollowUpRecorded, HistoryAction.DefraudedAfterWarning }));
        Assert.That(task.DefraudedAfterWarning, Is.EqualTo(new DefraudedAfterWarning
        {
            ReportId = null, OccurredAt = at, AmountLost = 12000.5m,
        }));
        var feedback = task.TakeFeedback().Single();
        Assert.That((feedback.Status, feedback.AmountLost, feedback.ReportId),
            Is.EqualTo((FeedbackStatus.DefraudedAfterWarning, (decimal?)12000.5m, (string?)null)));
        Assert.That(task.FollowUp!.AmountLost, Is.EqualTo(12000.5m));
        Assert.That(task.ToSnapshot(false).DefraudedAfterWarning!.AmountLost, Is.EqualTo(12000.5m));
    }

    [Test]
    public void Defrauded_with_nothing_lost_is_recorded()
    {
        var task = ResolvedAs(TaskOutcome.Dissuaded);

        Assert.That(task.RecordFollowUp(Duty, Id(), FollowUpResult.Defrauded, 0m, null, Resolved.AddHours(72)).Status,
            Is.EqualTo(ActionStatus.Applied));
        Assert.That(task.DefraudedAfterWarning!.AmountLost, Is.EqualTo(0m));
    }

    [TestCase(FollowUpResult.Defrauded, null, "amountLost", ProblemCode.AmountRequired)]
    [TestCase(FollowUpResult.Defrauded, -1.0, "amountLost", ProblemCode.AmountNegative)]
    [TestCase(FollowUpResult.Safe, 10.0, "amountLost", ProblemCode.AmountLostNotAllowed)]
    [TestCase(FollowUpResult.Unreachable, 0.0, "amountLost", ProblemCode.AmountLostNotAllowed)]
    public void The_amount_lost_goes_with_Defrauded_only_and_is_never_negative(
        FollowUpResult result, double? amount, string field, ProblemCode code)
    {
        var task = ResolvedAs(TaskOutcome.Dissuaded);
        var version = task.Version;

        var refused = task.RecordFollowUp(Duty, Id(), result, (decimal?)amount, null, Resolved.AddHours(72));

        Assert.That((refused.Status, refused.Field, refused.Refusal!.Code),
            Is.EqualTo((ActionStatus.Invalid, field, code)));
        Assert.That(refused.Refusal.Parameters["field"], Is.EqualTo("amountLost"));
        Assert.That(task.Version, Is.EqualTo(version));
    }

    [TestCase("x", ProblemCode.TextTooLong)]
    [TestCase("safe\u202Eefas", ProblemCode.TextCharacters)]
    [TestCase("bell\u0007", ProblemCode.TextCharacters)]
    public void A_note_that_is_too_long_or_hides_characters_is_refused(string note, ProblemCode code)
    {
        if (note == "x") note = new string('x', DispatchTask.MaxFollowUpNote + 1);
        var task = ResolvedAs(TaskOutcome.Dissuaded);

        var refused = task.RecordFollowUp(Duty, Id(), FollowUpResult.Safe, null, note, Resolved.AddHours(72));

        Assert.That((refused.Status, refused.Field, refused.Refusal!.Code),
            Is.EqualTo((ActionStatus.Invalid, "note", code)));
        Assert.That(refused.Reason, Does.Not.Contain(note), "never echoes what was sent");
    }

    [Test]
    public void A_retried_action_id_changes_nothing_and_another_visit_is_refused()
    {
        var task = ResolvedAs(TaskOutcome.Dissuaded);
        task.RecordFollowUp(PostOfficer, "visit-1", FollowUpResult.Safe, null, "note", Resolved.AddHours(72));
        var version = task.Version;

        var retried = task.RecordFollowUp(PostOfficer, "visit-1", FollowUpResult.Safe, null, "note",
            Resolved.AddHours(73));
        Assert.That(retried.Status, Is.EqualTo(ActionStatus.AlreadyApplied));
        var reused = task.RecordFollowUp(PostOfficer, "visit-1", FollowUpResult.Unreachable, null, null,
            Resolved.AddHours(73));
        Assert.That(reused.Status, Is.EqualTo(ActionStatus.ActionIdReused));
        Assert.That(reused.Reason, Does.Not.Contain("note"), "the note is personal data: never in a refusal");
        var again = task.RecordFollowUp(Duty, "visit-2", FollowUpResult.Unreachable, null, null, Resolved.AddHours(74));
        Assert.That((again.Status, again.Refusal!.Code),
            Is.EqualTo((ActionStatus.NotAllowed, ProblemCode.FollowUpAlreadyRecorded)));
        Assert.That(task.Version, Is.EqualTo(version));
        Assert.That(task.FollowUp!.Result, Is.EqualTo(FollowUpResult.Safe));
    }

    [Test]
    public void An_officer_of_the_post_sees_the_task_while_its_follow_up_is_pending_and_may_only_record_it()
    {
        var task = NewTask();
        task.Acknowledge(OfficerA, Id(), T0.AddMinutes(1));
        Assert.That(task.IsVisibleTo(PostOfficer), Is.False, "an active task is its officer's");

        task.RecordOutcome(OfficerA, Id(), TaskOutcome.Dissuaded, null, Resolved, Policy);

        Assert.That(task.IsVisibleTo(PostOfficer), Is.True);
        Assert.That(task.AllowedActions(PostOfficer), Is.EqualTo(new[] { TaskAction.FollowUp }));
        Assert.That(task.AllowedActions(Duty), Is.EqualTo(new[] { TaskAction.FollowUp }));
        Assert.That(task.IsVisibleTo(OtherPost), Is.False);
        Assert.That(task.IsVisibleTo(Actor.Field("b", "B")), Is.False, "without a post, only the own tasks");
        var refused = task.RecordFollowUp(OtherPost, Id(), FollowUpResult.Safe, null, null, Resolved.AddHours(72));
        Assert.That((refused.Status, refused.Refusal!.Code),
            Is.EqualTo((ActionStatus.Forbidden, ProblemCode.NotYourTask)));

        task.RecordFollowUp(PostOfficer, Id(), FollowUpResult.Safe, null, null, Resolved.AddHours(72));

        Assert.That(task.IsVisibleTo(Actor.Field("d", "D", "S1")), Is.False, "nothing more once it is recorded");
        Assert.That(task.IsVisibleTo(PostOfficer), Is.True, "who recorded it, for a retry of the same action");
        Assert.That(task.AllowedActions(PostOfficer), Is.Empty);
        Assert.That(task.IsVisibleTo(OfficerA), Is.True);
    }

    [Test]
    public void The_note_is_hidden_from_viewers_who_may_not_see_personal_data_and_kept_by_the_store()
    {
        var task = ResolvedAs(TaskOutcome.Dissuaded);
        task.RecordFollowUp(PostOfficer, Id(), FollowUpResult.Safe, null, "女儿电话 13900000000",
            Resolved.AddHours(72));

        Assert.That(task.ToSnapshot(true).FollowUp!.Note, Is.EqualTo(PersonalData.HiddenNote));
        Assert.That(task.ToSnapshot(true).FollowUp!.Result, Is.EqualTo(FollowUpResult.Safe));
        Assert.That(task.ToSnapshot(false).FollowUp!.Note, Is.EqualTo("女儿电话 13900000000"));

        var copy = JsonSerializer.Deserialize<DispatchTask>(JsonSerializer.Serialize(task, WireFormat.Options),
            WireFormat.Options)!;
        Assert.That((copy.FollowUpDueAt, copy.FollowUp), Is.EqualTo((task.FollowUpDueAt, task.FollowUp)));
    }
}
