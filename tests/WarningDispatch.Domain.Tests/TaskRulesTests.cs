using System.Text.Json;
using System.Text.Json.Nodes;
using WarningDispatch.Contracts;
using WarningDispatch.Domain.Escalation;
using WarningDispatch.Domain.Ingest;
using WarningDispatch.Domain.Routing;
using WarningDispatch.Domain.Tasks;
using static WarningDispatch.Domain.Tests.TestRegion;

namespace WarningDispatch.Domain.Tests;

/// <summary>
/// The actions a viewer may take, the codes of history and refusals: one rule set decides what is refused and what
/// is offered, so every offered action is accepted and every other one refused.
/// </summary>
public class TaskRulesTests
{
    static readonly Actor OfficerA = Actor.Field("a", "A");
    static readonly Actor OfficerB = Actor.Field("b", "B");
    static readonly Actor Duty = Actor.Duty("duty", "K1");
    static readonly Actor OtherCounty = Actor.Duty("k2", "K2");
    static readonly Actor[] Viewers = [OfficerA, OfficerB, Duty, Actor.Duty("city", "C"), OtherCounty];
    Router _router = null!;
    FakeRoster _roster = null!;

    [SetUp]
    public void SetUp()
    {
        _roster = new FakeRoster().OnDuty("S1", "A").OnDuty("S1", "B").OnDuty("S2", "C");
        _router = Router();
    }

    DispatchTask NewTask(DispatchWarning? instruction = null)
    {
        instruction ??= Instruction();
        return DispatchTask.Create("T1", instruction, instruction.IssuedAt.AddSeconds(20),
            new EscalationPolicy().PlanFor(instruction, AreaType.Urban), _router.Route(instruction.Subject, _roster));
    }

    static DispatchTask Copy(DispatchTask task) => JsonSerializer.Deserialize<DispatchTask>(
        JsonSerializer.Serialize(task, WireFormat.Options), WireFormat.Options)!;

    [Test]
    public void Each_step_offers_the_assigned_officer_and_the_duty_officer_their_own_actions()
    {
        var task = NewTask();
        Assert.That(task.AllowedActions(OfficerA), Is.EqualTo(new[] { TaskAction.Acknowledge, TaskAction.Note }));
        Assert.That(task.AllowedActions(Duty), Is.EqualTo(new[] { TaskAction.Escalate, TaskAction.Assign }));
        Assert.That(task.AllowedActions(OfficerB), Is.Empty, "not their task");
        Assert.That(task.AllowedActions(OtherCounty), Is.Empty, "not their area");

        task.Acknowledge(OfficerA, "1", T0);
        Assert.That(task.AllowedActions(OfficerA),
            Is.EqualTo(new[] { TaskAction.CallResult, TaskAction.Outcome, TaskAction.Attempt, TaskAction.Note }));
        Assert.That(task.AllowedActions(Duty), Is.EqualTo(new[]
            { TaskAction.CallResult, TaskAction.Outcome, TaskAction.Escalate, TaskAction.Assign, TaskAction.Attempt }));

        task.RecordCallResult(OfficerA, "2", CallResult.Busy, T0, FollowUp);
        Assert.That(task.AllowedActions(OfficerA),
            Is.EqualTo(new[] { TaskAction.Arrive, TaskAction.Outcome, TaskAction.Attempt, TaskAction.Note }));
        Assert.That(task.AllowedActions(Duty), Is.EqualTo(new[]
            { TaskAction.Arrive, TaskAction.Outcome, TaskAction.Assign, TaskAction.Attempt }), "a visit is required");

        task.ArriveOnScene(OfficerA, "3", T0);
        Assert.That(task.AllowedActions(OfficerA), Is.EqualTo(new[] { TaskAction.Outcome, TaskAction.Note }));

        task.RecordOutcome(OfficerA, "4", TaskOutcome.Dissuaded, null, T0, FollowUp);
        Assert.That(Viewers.SelectMany(task.AllowedActions).Distinct(), Is.EqualTo(new[] { TaskAction.FollowUp }),
            "a resolved task offers only its follow-up visit");
    }

    [Test]
    public void A_high_risk_visit_at_once_still_offers_the_call_result_until_it_is_in()
    {
        var task = NewTask(Instruction(RiskLevel.High, onCallNow: true));
        task.Acknowledge(OfficerA, "1", T0);

        Assert.That(task.Status, Is.EqualTo(DispatchStatus.HomeVisit));
        Assert.That(task.AllowedActions(OfficerA),
            Is.EqualTo(new[]
                { TaskAction.CallResult, TaskAction.Arrive, TaskAction.Outcome, TaskAction.Attempt, TaskAction.Note }));
        task.RecordCallResult(OfficerA, "2", CallResult.NoAnswer, T0, FollowUp);
        Assert.That(task.AllowedActions(OfficerA),
            Is.EqualTo(new[] { TaskAction.Arrive, TaskAction.Outcome, TaskAction.Attempt, TaskAction.Note }));
    }

    [Test]
    public void An_unrouted_task_offers_the_duty_officer_assignment()
    {
        var nobody = new FakeRoster();
        var instruction = Instruction();
        var plan = new EscalationPolicy().PlanFor(instruction, AreaType.Urban);
        var task = DispatchTask.Create("T1", instruction, T0, plan, _router.Route(instruction.Subject, nobody));

        Assert.That(task.Status, Is.EqualTo(DispatchStatus.Unrouted));
        Assert.That(task.AllowedActions(Actor.Duty("city", "C")),
            Is.EqualTo(new[] { TaskAction.Escalate, TaskAction.Assign }));
        Assert.That(task.History[^1].Reasons.Select(r => r.Code), Does.Contain(ReasonCode.NoPostFits));
    }

    /// <summary>On every step of a walk down the ladder, for every viewer: offered exactly when accepted.</summary>
    [Test]
    public void Every_offered_action_is_accepted_and_every_other_is_refused()
    {
        var task = NewTask();
        var walk = new List<Func<DispatchTask, ActionResult>>
        {
            t => t.Acknowledge(OfficerA, "w1", T0),
            t => t.RecordCallResult(OfficerA, "w2", CallResult.Busy, T0, FollowUp),
            t => t.ArriveOnScene(OfficerA, "w3", T0),
            t => t.RecordOutcome(OfficerA, "w4", TaskOutcome.FalseAlarm, null, T0, FollowUp),
        };
        var checkedPairs = 0;
        foreach (var step in walk.Prepend(_ => ActionResult.Applied))
        {
            Assert.That(step(task).Status, Is.EqualTo(ActionStatus.Applied));
            foreach (var viewer in Viewers)
            foreach (var action in Enum.GetValues<TaskAction>())
            {
                var result = Try(Copy(task), viewer, action);
                var offered = task.AllowedActions(viewer).Contains(action);
                Assert.That(result.Changed, Is.EqualTo(offered), $"{action} by {viewer.UserId} at {task.Status}");
                if (!offered) Assert.That(result.Refusal, Is.Not.Null, $"{action}: refused with a code");
                checkedPairs++;
            }
        }
        Assert.That(checkedPairs, Is.EqualTo(5 * Viewers.Length * 9));
    }

    ActionResult Try(DispatchTask task, Actor actor, TaskAction action) => action switch
    {
        TaskAction.Acknowledge => task.Acknowledge(actor, "t", T0),
        TaskAction.CallResult => task.RecordCallResult(actor, "t", CallResult.Busy, T0, FollowUp),
        TaskAction.Arrive => task.ArriveOnScene(actor, "t", T0),
        TaskAction.Outcome => task.RecordOutcome(actor, "t", TaskOutcome.Dissuaded, null, T0, FollowUp),
        TaskAction.Escalate => task.EscalateToHomeVisit(actor, "t", T0),
        TaskAction.Attempt => task.RecordAttempt(actor, "t", null, AttemptResult.NoAnswer, new ContactPolicy(), T0),
        TaskAction.FollowUp => task.RecordFollowUp(actor, "t", FollowUpResult.Safe, null, null, T0),
        TaskAction.Note => task.RecordNote(actor, "t", "家属在场，已劝阻", T0),
        _ => task.Assign(actor, "t", _router.Manual("S2", "C", actor.UserId), T0),
    };

    [Test]
    public void A_refusal_names_its_code_and_the_step()
    {
        var refused = NewTask().ArriveOnScene(OfficerA, "1", T0);

        Assert.That(refused.Status, Is.EqualTo(ActionStatus.NotAllowed));
        Assert.That(refused.Refusal!.Code, Is.EqualTo(ProblemCode.NoHomeVisit));
        Assert.That(refused.Refusal.Parameters["status"], Is.EqualTo("Assigned"));
        Assert.That(refused.Reason, Is.EqualTo(
            "当前没有进行中的上门劝阻，本任务当前为“待签收” "
            + "(no home visit is under way; this task is Assigned)"));
    }

    [Test]
    public void History_steps_carry_codes_parameters_and_reasons_besides_the_english_sentence()
    {
        var task = NewTask();
        task.Acknowledge(OfficerA, "1", T0);
        task.RecordCallResult(OfficerA, "2", CallResult.Busy, T0.AddMinutes(3), FollowUp);

        var routed = task.History.Single(h => h.Code == HistoryAction.Routed);
        Assert.That(routed.Reasons.Select(r => r.Code),
            Is.EqualTo(new[] { ReasonCode.JurisdictionPost, ReasonCode.FewestOpenTasks }));
        Assert.That(routed.Reasons[0].Parameters["region"], Is.EqualTo("451223"));
        Assert.That(routed.Parameters["officer"], Is.EqualTo("A"));
        Assert.That(routed.Parameters["deadline"], Is.EqualTo("2026-11-21T08:20:00+08:00"), "5 min, local offset");

        var visit = task.History[^1];
        Assert.That(visit.Code, Is.EqualTo(HistoryAction.HomeVisit));
        Assert.That(visit.Reasons.Single(), Is.EqualTo(Reasons.Of(ReasonCode.CallFailed, ("result", "Busy"))));
        Assert.That(visit.Parameters, Is.EquivalentTo(new Dictionary<string, string>
        {
            ["deadline"] = "2026-11-21T10:15:00+08:00", ["hours"] = "2", ["areaType"] = "Urban",
        }));
        Assert.That(visit.Detail,
            Is.EqualTo("phone warning failed (Busy); visit by 2026-11-21 10:15 UTC+08:00 (2 h, Urban)"));
        Assert.That(visit.Action, Is.EqualTo("HomeVisit"), "the step's name, kept for readers of the text");
    }

    [Test]
    public void Every_change_is_one_version_and_at_least_one_step()
    {
        var task = NewTask();
        Assert.That(task.Version, Is.EqualTo(1));
        var steps = task.History.Count;
        task.Acknowledge(OfficerA, "1", T0);
        Assert.That((task.Version, task.History.Count > steps), Is.EqualTo((2, true)));
        task.Acknowledge(OfficerA, "1", T0);
        task.ArriveOnScene(OfficerA, "2", T0);
        Assert.That(task.Version, Is.EqualTo(2), "a replay and a refusal change nothing");
        Assert.That(task.OnDeadline(task.Version, T0, _ => throw new InvalidOperationException()),
            Is.EqualTo(DeadlineResult.NothingDue));
        Assert.That(task.Version, Is.EqualTo(2));
    }

    [Test]
    public void The_stored_form_keeps_its_property_names_and_history_codes()
    {
        var task = NewTask();
        var json = JsonNode.Parse(JsonSerializer.Serialize(task, WireFormat.Options))!.AsObject();

        Assert.That(json.Select(p => p.Key), Is.SupersetOf(new[]
            { "areaIds", "visitWarnings", "triedOfficers", "triedPosts", "appliedActions", "history" }));
        Assert.That(json["history"]![0]!["code"]!.GetValue<string>(), Is.EqualTo("Received"));
        Assert.That(task.TakeFeedback().Select(f => f.Status),
            Is.EqualTo(new[] { FeedbackStatus.Accepted, FeedbackStatus.Assigned }));
        Assert.That(task.TakeFeedback(), Is.Empty, "taken once");
    }

    [Test]
    public void A_history_entry_stored_before_codes_reads_back_by_its_action_name()
    {
        const string old = """{"at":"2026-11-21T08:15:20+08:00","actor":"a","action":"Acknowledged","detail":"x"}""";

        var entry = JsonSerializer.Deserialize<TaskHistoryEntry>(old, WireFormat.Options)!;

        Assert.That((entry.Code, entry.Parameters.Count, entry.Reasons.Count),
            Is.EqualTo((HistoryAction.Acknowledged, 0, 0)));
    }
}
