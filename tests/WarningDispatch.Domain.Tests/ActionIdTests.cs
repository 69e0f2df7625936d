using System.Text.Json;
using System.Text.Json.Nodes;
using WarningDispatch.Contracts;
using WarningDispatch.Domain.Escalation;
using WarningDispatch.Domain.Ingest;
using WarningDispatch.Domain.Routing;
using WarningDispatch.Domain.Tasks;
using static WarningDispatch.Domain.Tests.TestRegion;

namespace WarningDispatch.Domain.Tests;

/// <summary>An id is bound to what it did for the task's whole life: a retry replays, a reuse is refused.</summary>
public class ActionIdTests
{
    static readonly Actor OfficerA = Actor.Field("a", "A");
    static readonly Actor Duty = Actor.Duty("duty", "K1");
    Router _router = null!;

    [SetUp]
    public void SetUp() => _router = Router();

    DispatchTask NewTask()
    {
        var instruction = Instruction();
        var roster = new FakeRoster().OnDuty("S1", "A").OnDuty("S1", "B");
        return DispatchTask.Create("T1", instruction, T0.AddSeconds(20),
            new EscalationPolicy().PlanFor(instruction, AreaType.Urban), _router.Route(instruction.Subject, roster));
    }

    [Test]
    public void The_same_id_with_the_same_payload_is_a_replay_that_changes_nothing()
    {
        var task = NewTask();
        task.Acknowledge(OfficerA, "ack-1", T0);
        task.RecordCallResult(OfficerA, "call-1", CallResult.Busy, T0, FollowUp);
        task.ArriveOnScene(OfficerA, "arrive-1", T0);
        task.RecordOutcome(OfficerA, "out-1", TaskOutcome.FundsProtected, 100m, T0, FollowUp);
        var version = task.Version;

        Assert.That(task.Acknowledge(OfficerA, "ack-1", T0).Status, Is.EqualTo(ActionStatus.AlreadyApplied));
        Assert.That(task.RecordCallResult(OfficerA, "call-1", CallResult.Busy, T0, FollowUp).Status,
            Is.EqualTo(ActionStatus.AlreadyApplied));
        Assert.That(task.RecordOutcome(OfficerA, "out-1", TaskOutcome.FundsProtected, 100.00m, T0, FollowUp).Status,
            Is.EqualTo(ActionStatus.AlreadyApplied), "100 and 100.00 are the same amount");
        Assert.That((task.Version, task.Amount), Is.EqualTo((version, (decimal?)100m)));
    }

    [Test]
    public void The_same_id_with_another_payload_is_refused_and_changes_nothing()
    {
        var task = NewTask();
        task.Acknowledge(OfficerA, "id-1", T0);
        task.RecordCallResult(OfficerA, "id-2", CallResult.Busy, T0, FollowUp);
        task.RecordOutcome(OfficerA, "id-3", TaskOutcome.FundsProtected, 100m, T0, FollowUp);
        var version = task.Version;

        var asCall = task.RecordCallResult(OfficerA, "id-1", CallResult.ReachedAndDissuaded, T0, FollowUp);
        var otherCall = task.RecordCallResult(OfficerA, "id-2", CallResult.NoAnswer, T0, FollowUp);
        var otherOutcome = task.RecordOutcome(OfficerA, "id-3", TaskOutcome.AlreadyDefrauded, 999999m, T0, FollowUp);
        var otherAmount = task.RecordOutcome(OfficerA, "id-3", TaskOutcome.FundsProtected, 101m, T0, FollowUp);

        Assert.That(new[] { asCall, otherCall, otherOutcome, otherAmount }.Select(r => r.Status),
            Has.All.EqualTo(ActionStatus.ActionIdReused));
        Assert.That(otherOutcome.Reason,
            Does.StartWith("操作编号 id-3 已用于另一操作").And.Contain("(action id id-3 was used for"));
        Assert.That((task.Version, task.Outcome, task.Amount, task.CallResult),
            Is.EqualTo((version, (TaskOutcome?)TaskOutcome.FundsProtected, (decimal?)100m,
                (CallResult?)CallResult.Busy)));
    }

    [Test]
    public void An_id_used_by_one_user_is_not_a_replay_for_another()
    {
        var task = NewTask();
        task.Assign(Duty, "assign-1", _router.Manual("S1", "B", "duty"), T0);

        Assert.That(task.Assign(Actor.Duty("duty2", "K1"), "assign-1", _router.Manual("S1", "B", "duty2"), T0).Status,
            Is.EqualTo(ActionStatus.ActionIdReused));
    }

    [Test]
    public void A_replay_from_someone_who_can_no_longer_see_the_task_is_refused_not_answered()
    {
        var task = NewTask();
        task.Acknowledge(OfficerA, "ack-1", T0);
        task.Assign(Duty, "assign-1", _router.Manual("S1", "B", "duty"), T0);

        Assert.That(task.Acknowledge(OfficerA, "ack-1", T0).Status, Is.EqualTo(ActionStatus.Forbidden));
    }

    [Test]
    public void An_id_is_remembered_for_the_whole_life_of_the_task_not_a_window()
    {
        var task = NewTask();
        for (var i = 0; i < 100; i++)
        {
            var officer = i % 2 == 0 ? "B" : "A";
            Assert.That(task.Assign(Duty, $"assign-{i}", _router.Manual("S1", officer, "duty"), T0).Status,
                Is.EqualTo(ActionStatus.Applied));
        }
        var version = task.Version;

        Assert.That(task.Assign(Duty, "assign-0", _router.Manual("S1", "B", "duty"), T0).Status,
            Is.EqualTo(ActionStatus.AlreadyApplied));
        Assert.That((task.OfficerId, task.Version), Is.EqualTo(("A", version)),
            "the first assignment is not applied again");
    }

    [Test]
    public void Ids_and_their_payloads_survive_storage()
    {
        var task = NewTask();
        task.Acknowledge(OfficerA, "ack-1", T0);

        var copy = JsonSerializer.Deserialize<DispatchTask>(JsonSerializer.Serialize(task, WireFormat.Options),
            WireFormat.Options)!;

        Assert.That(copy.Acknowledge(OfficerA, "ack-1", T0).Status, Is.EqualTo(ActionStatus.AlreadyApplied));
        Assert.That(copy.RecordCallResult(OfficerA, "ack-1", CallResult.Busy, T0, FollowUp).Status,
            Is.EqualTo(ActionStatus.ActionIdReused));
    }

    [Test]
    public void A_task_stored_with_bare_ids_keeps_them_as_applied_with_any_payload()
    {
        var task = NewTask();
        var json = JsonSerializer.SerializeToNode(task, WireFormat.Options)!.AsObject();
        json.Remove("appliedActions");
        json["appliedActionIds"] = new JsonArray("old-ack");

        var old = json.Deserialize<DispatchTask>(WireFormat.Options)!;

        Assert.That(old.Acknowledge(OfficerA, "old-ack", T0).Status, Is.EqualTo(ActionStatus.AlreadyApplied));
        Assert.That((old.Status, old.Version), Is.EqualTo((DispatchStatus.Assigned, 1)));
        var rewritten = JsonSerializer.SerializeToNode(old, WireFormat.Options)!.AsObject();
        Assert.That(rewritten.ContainsKey("appliedActionIds"), Is.False, "written back in the new shape only");
        Assert.That(rewritten["appliedActions"]!.AsObject().ContainsKey("old-ack"), Is.True);
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase("a\u0000b")]
    [TestCase("line\nbreak")]
    [TestCase("zero\u200Bwidth")]
    [TestCase("\u202Eright-to-left")]
    [TestCase("bom\uFEFF")]
    public void An_id_that_is_empty_or_holds_invisible_characters_is_invalid_input(string actionId)
    {
        var task = NewTask();

        var result = task.Acknowledge(OfficerA, actionId, T0);

        Assert.That((result.Status, result.Field), Is.EqualTo((ActionStatus.Invalid, "actionId")));
        Assert.That(task.Version, Is.EqualTo(1));
    }

    [Test]
    public void An_id_is_at_most_64_characters()
    {
        Assert.That(ActionId.Problem(new string('x', 64)), Is.Null);
        Assert.That(ActionId.Problem(new string('x', 65)), Is.Not.Null);
        Assert.That(ActionId.Problem(string.Concat(Enumerable.Repeat("📱", 64))), Is.Null,
            "characters, not UTF-16 units");
        Assert.That(ActionId.Problem("6f1c2a1e-8a44-4f7e-9d0b-3c1f0e2b9a77"), Is.Null);
        Assert.That(ActionId.Problem("接警-1 #2"), Is.Null);
        Assert.That(ActionId.Problem("lone" + '\uD800' + "surrogate"), Is.Not.Null, "not well-formed text");
    }
}
