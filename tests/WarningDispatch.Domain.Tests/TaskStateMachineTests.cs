using System.Text.Json;
using WarningDispatch.Contracts;
using WarningDispatch.Domain.Escalation;
using WarningDispatch.Domain.Ingest;
using WarningDispatch.Domain.Routing;
using WarningDispatch.Domain.Tasks;
using static WarningDispatch.Domain.Tests.TestRegion;

namespace WarningDispatch.Domain.Tests;

/// <summary>The escalation ladder with a controllable clock: every transition, deadline and outcome.</summary>
public class TaskStateMachineTests
{
    static readonly EscalationPolicy Policy = new();
    static readonly Actor OfficerA = Actor.Field("a", "A");
    static readonly Actor OfficerB = Actor.Field("b", "B");
    static readonly Actor Duty = Actor.Duty("duty", "K1");
    FakeRoster _roster = null!;
    Router _router = null!;
    int _ids;

    [SetUp]
    public void SetUp()
    {
        _roster = new FakeRoster().OnDuty("S1", "A").OnDuty("S1", "B").OnDuty("S2", "C");
        _router = Router();
    }

    DispatchTask NewTask(DispatchWarning? instruction = null, DateTimeOffset? receivedAt = null,
        AreaType area = AreaType.Urban)
    {
        instruction ??= Instruction();
        return DispatchTask.Create("T1", instruction, receivedAt ?? instruction.IssuedAt.AddSeconds(20),
            Policy.PlanFor(instruction, area), _router.Route(instruction.Subject, _roster));
    }

    string Id() => $"action-{++_ids}";

    Func<DispatchTask, RoutingDecision> NextRung
        => t => _router.NextAfterMissedAck(t.Instruction.Subject, t.PostId, t.TriedPosts, t.TriedOfficers, _roster);

    static DeadlineResult Wake(DispatchTask task, DateTimeOffset at, Func<DispatchTask, RoutingDecision> next)
        => task.OnDeadline(task.Version, at, next);

    [Test]
    public void A_new_task_is_assigned_with_version_1_and_accepted_then_assigned_feedback()
    {
        var task = NewTask();

        Assert.That(task.Status, Is.EqualTo(DispatchStatus.Assigned));
        Assert.That(task.Version, Is.EqualTo(1));
        Assert.That((task.PostId, task.OfficerId), Is.EqualTo(("S1", "A")));
        Assert.That(task.PendingFeedback.Select(f => f.Status),
            Is.EqualTo(new[] { FeedbackStatus.Accepted, FeedbackStatus.Assigned }));
        Assert.That(task.History.Select(h => h.Code),
            Is.EqualTo(new[] { HistoryAction.Received, HistoryAction.Routed }));
        Assert.That(task.History[^1].Detail, Does.Contain("jurisdiction post"));
    }

    [TestCase(RiskLevel.High, 2)]
    [TestCase(RiskLevel.Medium, 5)]
    [TestCase(RiskLevel.Low, 15)]
    public void Ack_deadline_depends_on_risk_and_counts_from_issuedAt_not_from_receipt(RiskLevel risk, int minutes)
    {
        var task = NewTask(Instruction(risk), receivedAt: T0.AddMinutes(1));

        Assert.That(task.AckDeadline, Is.EqualTo(T0.AddMinutes(minutes)));
        Assert.That(task.NextWakeUp, Is.EqualTo(T0.AddMinutes(minutes)));
        Assert.That(task.ToSnapshot(false).DeadlineKind, Is.EqualTo("Acknowledge"));
    }

    [Test]
    public void Before_the_ack_deadline_a_wake_up_changes_nothing()
    {
        var task = NewTask();

        Assert.That(Wake(task, T0.AddMinutes(4.9), NextRung), Is.EqualTo(DeadlineResult.NothingDue));
        Assert.That(task.Version, Is.EqualTo(1));
    }

    [Test]
    public void Missed_ack_moves_to_the_next_officer_then_the_next_post_then_the_county_centre_then_duty_officers()
    {
        _roster.OnDuty("K1", "K");
        var task = NewTask();
        var ackWindow = TimeSpan.FromMinutes(5);

        Assert.That(Wake(task, T0 + ackWindow, NextRung), Is.EqualTo(DeadlineResult.Escalated));
        Assert.That((task.PostId, task.OfficerId, task.Version), Is.EqualTo(("S1", "B", 2)));
        Assert.That(task.AckDeadline, Is.EqualTo(T0 + 2 * ackWindow),
            "a reassigned officer gets a full window from the reassignment");
        Assert.That(task.History.TakeLast(2).Select(h => h.Code),
            Is.EqualTo(new[] { HistoryAction.AckMissed, HistoryAction.Reassigned }));

        Wake(task, T0 + 2 * ackWindow, NextRung);
        Assert.That((task.PostId, task.OfficerId), Is.EqualTo(("S2", "C")));
        Assert.That(task.History[^1].Detail, Does.Contain("nearest post with officers on duty"));

        Wake(task, T0 + 3 * ackWindow, NextRung);
        Assert.That((task.PostId, task.OfficerId), Is.EqualTo(("K1", "K")));

        Wake(task, T0 + 4 * ackWindow, NextRung);
        Assert.That(task.Status, Is.EqualTo(DispatchStatus.Unrouted));
        Assert.That(task.NeedsDutyOfficer, Is.True);
        Assert.That(task.AreaIds, Does.Contain("K1"));
        Assert.That(task.NextWakeUp, Is.Null);
        Assert.That(task.PendingFeedback.Count(f => f.Status == FeedbackStatus.Escalated), Is.EqualTo(4));
    }

    [Test]
    public void Stale_timer_for_an_older_version_does_nothing()
    {
        var task = NewTask();
        var timerVersion = task.Version;
        task.Acknowledge(OfficerA, Id(), T0.AddMinutes(1));

        var result = task.OnDeadline(timerVersion, T0.AddMinutes(5), NextRung);

        Assert.That(result, Is.EqualTo(DeadlineResult.Stale));
        Assert.That((task.Status, task.OfficerId, task.Version), Is.EqualTo((DispatchStatus.PhoneWarning, "A", 2)));
    }

    [Test]
    public void Acknowledge_starts_the_phone_warning_with_the_call_deadline_from_issuedAt()
    {
        var task = NewTask();

        Assert.That(task.Acknowledge(OfficerA, Id(), T0.AddMinutes(1)).Status, Is.EqualTo(ActionStatus.Applied));

        Assert.That(task.Status, Is.EqualTo(DispatchStatus.PhoneWarning));
        Assert.That(task.CurrentDeadline, Is.EqualTo((T0.AddMinutes(20), DeadlineKind.Call)));
    }

    [Test]
    public void Only_the_assigned_officer_acknowledges()
    {
        var task = NewTask();

        Assert.That(task.Acknowledge(OfficerB, Id(), T0).Status, Is.EqualTo(ActionStatus.Forbidden));
        var refused = task.Acknowledge(Duty, Id(), T0);
        Assert.That((refused.Status, refused.Refusal?.Code),
            Is.EqualTo((ActionStatus.NotAllowed, (ProblemCode?)ProblemCode.NotAssignedOfficer)));
        Assert.That(refused.Reason, Does.Contain("(only the assigned officer acknowledges a task)"));
        Assert.That(task.Version, Is.EqualTo(1));
    }

    [Test]
    public void Reached_and_dissuaded_resolves_the_task()
    {
        var task = NewTask();
        task.Acknowledge(OfficerA, Id(), T0.AddMinutes(1));
        task.TakeFeedback();

        task.RecordCallResult(OfficerA, Id(), CallResult.ReachedAndDissuaded, T0.AddMinutes(3), FollowUp);

        Assert.That(task.Status, Is.EqualTo(DispatchStatus.Resolved));
        Assert.That(task.Outcome, Is.EqualTo(TaskOutcome.Dissuaded));
        Assert.That(task.NextWakeUp, Is.Null);
        Assert.That(task.PendingFeedback.Single().Status, Is.EqualTo(FeedbackStatus.Resolved));
    }

    [TestCase(CallResult.Busy)]
    [TestCase(CallResult.NoAnswer)]
    [TestCase(CallResult.Unreachable)]
    [TestCase(CallResult.Refuses)]
    [TestCase(CallResult.StillAtRisk)]
    public void A_failed_call_escalates_to_a_home_visit(CallResult result)
    {
        var task = NewTask();
        task.Acknowledge(OfficerA, Id(), T0.AddMinutes(1));

        task.RecordCallResult(OfficerA, Id(), result, T0.AddMinutes(3), FollowUp);

        Assert.That(task.Status, Is.EqualTo(DispatchStatus.HomeVisit));
        Assert.That(task.History[^1].Detail, Does.Contain($"phone warning failed ({result})"));
        Assert.That(task.PendingFeedback[^1].Status, Is.EqualTo(FeedbackStatus.Escalated));
    }

    [TestCase(AreaType.Urban, 2)]
    [TestCase(AreaType.Suburban, 4)]
    [TestCase(AreaType.Rural, 8)]
    public void Home_visit_deadline_follows_the_area_type_from_issuedAt(AreaType area, int hours)
    {
        var task = NewTask(area: area, receivedAt: T0.AddMinutes(2));
        task.Acknowledge(OfficerA, Id(), T0.AddMinutes(3));
        task.RecordCallResult(OfficerA, Id(), CallResult.Busy, T0.AddMinutes(4), FollowUp);

        Assert.That(task.ToSnapshot(false).Deadline, Is.EqualTo(T0.AddHours(hours)));
        Assert.That(task.ToSnapshot(false).DeadlineKind, Is.EqualTo("HomeVisit"));
        Assert.That(task.NextWakeUp, Is.EqualTo(T0.AddHours(hours * 0.5)), "first wake-up at 50 %");
    }

    [Test]
    public void History_states_deadlines_in_the_instructions_own_local_time()
    {
        var task = NewTask(area: AreaType.Suburban);
        task.Acknowledge(OfficerA, Id(), T0);
        task.RecordCallResult(OfficerA, Id(), CallResult.Busy, T0.AddMinutes(1), FollowUp);

        Assert.That(task.History[^1].Detail, Does.Contain("visit by 2026-11-21 12:15 UTC+08:00"),
            "issued 08:15 +08:00, 4 h suburban");
    }

    [Test]
    public void Missing_the_call_deadline_escalates_to_a_home_visit()
    {
        var task = NewTask();
        task.Acknowledge(OfficerA, Id(), T0.AddMinutes(1));

        Assert.That(Wake(task, T0.AddMinutes(20), NextRung), Is.EqualTo(DeadlineResult.Escalated));

        Assert.That(task.Status, Is.EqualTo(DispatchStatus.HomeVisit));
        Assert.That(task.History[^1].Detail, Does.Contain("no call result by the call deadline"));
    }

    [Test]
    public void Home_visit_raises_warnings_at_50_and_80_percent_and_a_breach_at_100_percent()
    {
        var task = NewTask(area: AreaType.Urban);
        task.Acknowledge(OfficerA, Id(), T0.AddMinutes(1));
        task.RecordCallResult(OfficerA, Id(), CallResult.NoAnswer, T0.AddMinutes(2), FollowUp);
        task.TakeFeedback();

        Assert.That(Wake(task, T0.AddMinutes(59), NextRung), Is.EqualTo(DeadlineResult.NothingDue));
        Assert.That(Wake(task, T0.AddMinutes(60), NextRung), Is.EqualTo(DeadlineResult.Escalated));
        Assert.That(task.VisitWarnings, Is.EqualTo(new[] { 50 }));
        Assert.That(task.NextWakeUp, Is.EqualTo(T0.AddMinutes(96)));

        Wake(task, T0.AddMinutes(96), NextRung);
        Assert.That(task.VisitWarnings, Is.EqualTo(new[] { 50, 80 }));
        Assert.That(task.NeedsDutyOfficer, Is.False);
        Assert.That(task.PendingFeedback, Is.Empty, "50 % and 80 % are board events, not upstream feedback");

        Wake(task, T0.AddMinutes(120), NextRung);
        Assert.That(task.VisitWarnings, Is.EqualTo(new[] { 50, 80, 100 }));
        Assert.That(task.NeedsDutyOfficer, Is.True);
        Assert.That(task.History[^1].Code, Is.EqualTo(HistoryAction.VisitBreached));
        Assert.That(task.PendingFeedback.Single().Status, Is.EqualTo(FeedbackStatus.Escalated));
        Assert.That(task.NextWakeUp, Is.Null);
    }

    [Test]
    public void A_late_wake_up_raises_every_milestone_that_passed_in_one_change()
    {
        var task = NewTask();
        task.Acknowledge(OfficerA, Id(), T0.AddMinutes(1));
        task.RecordCallResult(OfficerA, Id(), CallResult.Busy, T0.AddMinutes(2), FollowUp);
        var before = task.Version;

        Wake(task, T0.AddHours(3), NextRung);

        Assert.That(task.VisitWarnings, Is.EqualTo(new[] { 50, 80, 100 }));
        Assert.That(task.Version, Is.EqualTo(before + 1));
    }

    [Test]
    public void Arrival_on_scene_stops_the_visit_clock()
    {
        var task = NewTask();
        task.Acknowledge(OfficerA, Id(), T0.AddMinutes(1));
        task.RecordCallResult(OfficerA, Id(), CallResult.Busy, T0.AddMinutes(2), FollowUp);

        task.ArriveOnScene(OfficerA, Id(), T0.AddMinutes(40));

        Assert.That(task.OnScene, Is.True);
        Assert.That(task.NextWakeUp, Is.Null);
        Assert.That(task.ArriveOnScene(OfficerA, Id(), T0.AddMinutes(41)).Status, Is.EqualTo(ActionStatus.NotAllowed));
    }

    [Test]
    public void High_risk_on_a_call_now_starts_the_home_visit_at_once_in_parallel_with_the_call()
    {
        var task = NewTask(Instruction(RiskLevel.High, onCallNow: true));
        Assert.That(task.History.Any(h => h.Code == HistoryAction.PlanFrozen), Is.True);
        Assert.That(task.NextWakeUp, Is.EqualTo(T0.AddMinutes(2)), "ack deadline comes before the 50 % visit warning");

        task.Acknowledge(OfficerA, Id(), T0.AddMinutes(1));

        Assert.That(task.Status, Is.EqualTo(DispatchStatus.HomeVisit));
        Assert.That(task.History[^1].Detail, Does.Contain("in parallel with the call"));
        Assert.That(task.RecordCallResult(OfficerA, Id(), CallResult.Busy, T0.AddMinutes(2), FollowUp).Status,
            Is.EqualTo(ActionStatus.Applied), "the parallel call result is still recorded");
        Assert.That(task.Status, Is.EqualTo(DispatchStatus.HomeVisit));
    }

    [TestCase(RiskLevel.High, 60_000, true)]
    [TestCase(RiskLevel.High, 50_000, true)]
    [TestCase(RiskLevel.High, 49_999, false)]
    [TestCase(RiskLevel.Medium, 900_000, false)]
    public void High_risk_with_a_large_amount_also_starts_the_visit_at_once(RiskLevel risk, decimal amount,
        bool parallel)
    {
        var plan = Policy.PlanFor(Instruction(risk, amount: amount), AreaType.Urban);

        Assert.That(plan.ParallelHomeVisitReason is not null, Is.EqualTo(parallel));
    }

    [Test]
    public void Medium_risk_on_a_call_starts_with_the_phone_warning()
    {
        var task = NewTask(Instruction(RiskLevel.Medium, onCallNow: true));
        task.Acknowledge(OfficerA, Id(), T0);

        Assert.That(task.Status, Is.EqualTo(DispatchStatus.PhoneWarning));
    }

    [TestCase(TaskOutcome.Dissuaded, null)]
    [TestCase(TaskOutcome.FundsProtected, 52000)]
    [TestCase(TaskOutcome.AlreadyDefrauded, 8000)]
    [TestCase(TaskOutcome.PersonNotFound, null)]
    [TestCase(TaskOutcome.FalseAlarm, null)]
    public void Every_outcome_resolves_the_task_and_is_reported_upstream(TaskOutcome outcome, double? amount)
    {
        var task = NewTask();
        task.Acknowledge(OfficerA, Id(), T0.AddMinutes(1));
        task.RecordCallResult(OfficerA, Id(), CallResult.Busy, T0.AddMinutes(2), FollowUp);
        task.ArriveOnScene(OfficerA, Id(), T0.AddMinutes(30));

        var result = task.RecordOutcome(OfficerA, Id(), outcome, (decimal?)amount, T0.AddMinutes(45), FollowUp);

        Assert.That(result.Status, Is.EqualTo(ActionStatus.Applied));
        Assert.That((task.Status, task.Outcome), Is.EqualTo((DispatchStatus.Resolved, (TaskOutcome?)outcome)));
        var resolved = task.PendingFeedback.Last();
        Assert.That(resolved.Status, Is.EqualTo(FeedbackStatus.Resolved));
        Assert.That(resolved.Outcome, Is.EqualTo(outcome));
        Assert.That(resolved.AmountProtected,
            Is.EqualTo(outcome == TaskOutcome.FundsProtected ? (decimal?)amount : null));
        Assert.That(resolved.AmountLost, Is.EqualTo(outcome == TaskOutcome.AlreadyDefrauded ? (decimal?)amount : null));
    }

    [Test]
    public void Funds_protected_without_an_amount_is_invalid_input()
    {
        var task = NewTask();
        task.Acknowledge(OfficerA, Id(), T0);

        Assert.That(task.RecordOutcome(OfficerA, Id(), TaskOutcome.FundsProtected, null, T0, FollowUp).Status,
            Is.EqualTo(ActionStatus.Invalid));
        Assert.That(task.RecordOutcome(OfficerA, Id(), TaskOutcome.AlreadyDefrauded, -1, T0, FollowUp).Status,
            Is.EqualTo(ActionStatus.Invalid));
    }

    [Test]
    public void Actions_the_ladder_does_not_allow_are_refused_with_a_reason()
    {
        var task = NewTask();

        Assert.That(task.ArriveOnScene(OfficerA, Id(), T0).Reason,
            Does.Contain("no home visit is under way; this task is Assigned"));
        Assert.That(task.RecordCallResult(OfficerA, Id(), CallResult.Busy, T0, FollowUp).Status,
            Is.EqualTo(ActionStatus.NotAllowed));
        Assert.That(task.RecordOutcome(OfficerA, Id(), TaskOutcome.Dissuaded, null, T0, FollowUp).Status,
            Is.EqualTo(ActionStatus.NotAllowed));

        task.Acknowledge(OfficerA, Id(), T0);
        task.RecordCallResult(OfficerA, Id(), CallResult.ReachedAndDissuaded, T0, FollowUp);
        Assert.That(task.Acknowledge(OfficerA, Id(), T0).Status, Is.EqualTo(ActionStatus.NotAllowed));
        Assert.That(task.Version, Is.EqualTo(3));
    }

    [Test]
    public void Replaying_an_action_id_is_harmless_and_reusing_it_for_another_action_is_refused()
    {
        var task = NewTask();
        task.Acknowledge(OfficerA, "same-id", T0);
        var version = task.Version;

        Assert.That(task.Acknowledge(OfficerA, "same-id", T0).Status, Is.EqualTo(ActionStatus.AlreadyApplied));
        Assert.That(task.RecordCallResult(OfficerA, "same-id", CallResult.Busy, T0, FollowUp).Status,
            Is.EqualTo(ActionStatus.ActionIdReused));
        Assert.That((task.Version, task.Status), Is.EqualTo((version, DispatchStatus.PhoneWarning)));
    }

    [Test]
    public void Only_duty_officers_of_the_tasks_area_reassign_and_the_new_officer_must_acknowledge()
    {
        var task = NewTask();
        task.Acknowledge(OfficerA, Id(), T0);
        var otherArea = Actor.Duty("other", "K2");

        Assert.That(task.Assign(OfficerA, Id(), _router.Manual("S1", "B", "a"), T0).Status,
            Is.EqualTo(ActionStatus.NotAllowed));
        Assert.That(task.Assign(otherArea, Id(), _router.Manual("S1", "B", "other"), T0).Status,
            Is.EqualTo(ActionStatus.Forbidden));

        Assert.That(task.Assign(Duty, Id(), _router.Manual("S2", "C", "duty"), T0.AddMinutes(2)).Status,
            Is.EqualTo(ActionStatus.Applied));
        Assert.That((task.Status, task.PostId, task.OfficerId), Is.EqualTo((DispatchStatus.Assigned, "S2", "C")));
        Assert.That(task.AckDeadline, Is.EqualTo(T0.AddMinutes(7)));
        Assert.That(task.History[^1].Detail, Does.Contain("assigned by duty officer duty"));
    }

    [Test]
    public void A_duty_officer_assigns_an_unrouted_task()
    {
        var instruction = Instruction();
        var task = DispatchTask.Create("T1", instruction, T0, Policy.PlanFor(instruction, AreaType.Urban),
            _router.Route(instruction.Subject, new FakeRoster()));
        Assert.That(task.Status, Is.EqualTo(DispatchStatus.Unrouted));
        Assert.That(task.IsVisibleTo(Duty), Is.True);

        task.Assign(Duty, Id(), _router.Manual("S1", "A", "duty"), T0.AddMinutes(1));

        Assert.That((task.Status, task.OfficerId), Is.EqualTo((DispatchStatus.Assigned, "A")));
        Assert.That(task.NeedsDutyOfficer, Is.False);
    }

    [Test]
    public void A_duty_officer_escalates_a_phone_warning_to_a_home_visit()
    {
        var task = NewTask();
        task.Acknowledge(OfficerA, Id(), T0);

        Assert.That(task.EscalateToHomeVisit(OfficerA, Id(), T0).Status, Is.EqualTo(ActionStatus.NotAllowed));
        task.EscalateToHomeVisit(Duty, Id(), T0.AddMinutes(1));

        Assert.That(task.Status, Is.EqualTo(DispatchStatus.HomeVisit));
    }

    [Test]
    public void An_officer_going_off_duty_hands_the_task_on()
    {
        var task = NewTask();
        _roster.OffDuty("A");

        Assert.That(task.OfficerWentOffDuty("A", T0, NextRung), Is.True);

        Assert.That(task.OfficerId, Is.EqualTo("B"));
        Assert.That(task.OfficerWentOffDuty("A", T0, NextRung), Is.False);
    }

    [Test]
    public void Field_officers_see_only_their_own_tasks_and_duty_officers_their_area()
    {
        var task = NewTask();

        Assert.That(task.IsVisibleTo(OfficerA), Is.True);
        Assert.That(task.IsVisibleTo(OfficerB), Is.False);
        Assert.That(task.IsVisibleTo(Actor.Duty("city", "C")), Is.True);
        Assert.That(task.IsVisibleTo(Actor.Duty("k2", "K2")), Is.False);
    }

    [Test]
    public void Masked_snapshot_hides_name_phone_and_address()
    {
        var snapshot = NewTask().ToSnapshot(maskPersonalData: true);

        Assert.That(snapshot.Subject.Phone, Is.EqualTo("+86138****0000"));
        Assert.That(snapshot.Subject.Name, Is.EqualTo("罗**"));
        Assert.That(snapshot.Subject.Address, Does.Not.Contain("凤城镇"));
    }

    [Test]
    public void A_stored_task_reads_back_with_its_whole_state()
    {
        var task = NewTask(Instruction(RiskLevel.High, onCallNow: true));
        task.Acknowledge(OfficerA, "x", T0);

        var copy = JsonSerializer.Deserialize<DispatchTask>(JsonSerializer.Serialize(task, WireFormat.Options),
            WireFormat.Options)!;

        Assert.That(JsonSerializer.Serialize(copy.ToSnapshot(false), WireFormat.Options),
            Is.EqualTo(JsonSerializer.Serialize(task.ToSnapshot(false), WireFormat.Options)));
        Assert.That(copy.Acknowledge(OfficerA, "x", T0).Status, Is.EqualTo(ActionStatus.AlreadyApplied));
        Assert.That((copy.Plan, copy.TriedOfficers, copy.HomeVisitRequired),
            Is.EqualTo((task.Plan, task.TriedOfficers, true)));
    }
}
