using WarningDispatch.Contracts;
using WarningDispatch.Domain.Escalation;
using WarningDispatch.Domain.Routing;
using WarningDispatch.Domain.Tasks;
using static WarningDispatch.Domain.Tests.TestRegion;

namespace WarningDispatch.Domain.Tests;

/// <summary>A duty officer reaches their post and everything below it; a task never leaves it by their hand.</summary>
public class DutyAreaTests
{
    [TestCase("S1", "K1", true)]
    [TestCase("S1", "C", true)]
    [TestCase("K1", "K1", true)]
    [TestCase("K1", "C", true)]
    [TestCase("S4", "K1", false)]
    [TestCase("C", "K1", false)]
    [TestCase("nowhere", "C", false)]
    [TestCase("S1", null, false)]
    public void A_post_lies_in_its_own_area_and_every_area_above_it(string postId, string? areaId, bool lies) =>
        Assert.That(Registry().LiesIn(postId, areaId), Is.EqualTo(lies));

    [TestCase("C", true)]
    [TestCase("K1", false)]
    [TestCase("S1", false)]
    [TestCase("nowhere", false)]
    [TestCase(null, false)]
    public void Only_a_post_without_a_parent_is_top_level(string? postId, bool top) =>
        Assert.That(Registry().IsTopLevel(postId), Is.EqualTo(top));

    [Test]
    public void A_county_duty_officer_cannot_assign_to_an_officer_of_another_county_but_the_city_can()
    {
        var router = Router();
        var instruction = Instruction();
        var plan = new EscalationPolicy().PlanFor(instruction, AreaType.Urban);
        var task = DispatchTask.Create("T1", instruction, T0, plan,
            router.Route(instruction.Subject, new FakeRoster().OnDuty("S1", "A")));

        var county = task.Assign(Actor.Duty("k1", "K1"), "x-1", router.Manual("S4", "D", "k1"), T0);
        Assert.That(county.Status, Is.EqualTo(ActionStatus.Forbidden));
        Assert.That(county.Reason, Does.StartWith("不能指派其他辖区的民警"));
        Assert.That((task.OfficerId, task.Version), Is.EqualTo(("A", 1)));

        Assert.That(task.Assign(Actor.Duty("city", "C"), "x-2", router.Manual("S4", "D", "city"), T0).Status,
            Is.EqualTo(ActionStatus.Applied));
        Assert.That((task.PostId, task.OfficerId, task.AreaIds), Is.EqualTo(("S4", "D", new[] { "K2", "C" })));
    }

    [TestCase(TaskOutcome.Dissuaded)]
    [TestCase(TaskOutcome.PersonNotFound)]
    [TestCase(TaskOutcome.FalseAlarm)]
    public void Only_money_protected_or_lost_carries_an_amount(TaskOutcome outcome)
    {
        var instruction = Instruction();
        var router = Router();
        var plan = new EscalationPolicy().PlanFor(instruction, AreaType.Urban);
        var task = DispatchTask.Create("T1", instruction, T0, plan,
            router.Route(instruction.Subject, new FakeRoster().OnDuty("S1", "A")));
        var officer = Actor.Field("a", "A");
        task.Acknowledge(officer, "ack", T0);

        var withAmount = task.RecordOutcome(officer, "out-1", outcome, 0m, T0, FollowUp);

        Assert.That((withAmount.Status, withAmount.Field), Is.EqualTo((ActionStatus.Invalid, "amount")));
        Assert.That(withAmount.Reason, Does.Contain("(amount only with FundsProtected or AlreadyDefrauded)"));
        Assert.That(task.RecordOutcome(officer, "out-2", outcome, null, T0, FollowUp).Status,
            Is.EqualTo(ActionStatus.Applied));
        Assert.That(task.Amount, Is.Null);
    }
}
