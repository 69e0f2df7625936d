using WarningDispatch.Contracts;
using WarningDispatch.Domain.Escalation;
using WarningDispatch.Domain.Routing;
using WarningDispatch.Domain.Tasks;
using WarningDispatch.Service.FollowUps;
using WarningDispatch.Service.Tasks;

namespace WarningDispatch.Service.Tests;

/// <summary>What a commit writes to the follow-up index: a pending visit under its post and areas, by due.</summary>
public class FollowUpIndexTests
{
    static readonly DateTimeOffset T0 = new(2026, 11, 21, 8, 15, 0, TimeSpan.FromHours(8));
    static readonly TaskIndexChange Update = new(Created: false, PreviousAreaIds: []);

    static DispatchTask NewTask(RoutingDecision route)
    {
        var instruction = new DispatchWarning
        {
            InstructionId = "GX-IX-1", Source = InstructionSource.NationalCenter, Kind = InstructionKind.FundTransfer,
            RiskLevel = RiskLevel.Medium, IssuedAt = T0,
            Subject = new WarningSubject { Phone = "+8613900000000", RegionCode = "451223" },
        };
        return DispatchTask.Create("T1", instruction, T0, new EscalationPolicy().PlanFor(instruction, AreaType.Urban),
            route);
    }

    static string[] Entries(DispatchTask task) => new FollowUpIndex().EntriesFor(task, Update)
        .Select(e => $"{(e.Remove ? "-" : "+")}{e.Index}@{e.Score}").ToArray();

    [Test]
    public void A_pending_visit_is_listed_under_its_post_and_areas_until_it_is_recorded()
    {
        var task = NewTask(new RoutingDecision("HC-FS-01", "FS01A", ["HC-FS", "HC"], []));
        var officer = Actor.Field("fs01a", "FS01A", "HC-FS-01");
        Assert.That(Entries(task), Is.Empty, "an active task has no follow-up");
        task.Acknowledge(officer, "a1", T0);
        task.RecordOutcome(officer, "a2", TaskOutcome.Dissuaded, null, T0, new FollowUpPolicy(TimeSpan.FromHours(72)));
        var due = T0.AddHours(72).ToUnixTimeMilliseconds();

        Assert.That(Entries(task), Is.EqualTo(new[]
        {
            $"+followups:post:HC-FS-01@{due}", $"+followups:area:HC-FS@{due}", $"+followups:area:HC@{due}",
        }));

        task.RecordFollowUp(officer, "a3", FollowUpResult.Safe, null, null, T0.AddHours(73));

        Assert.That(Entries(task), Is.EqualTo(new[]
            { "-followups:post:HC-FS-01@0", "-followups:area:HC-FS@0", "-followups:area:HC@0" }));
    }

    [Test]
    public void A_task_resolved_with_its_case_before_it_reached_a_post_is_listed_for_its_area()
    {
        var task = NewTask(new RoutingDecision(null, null, ["HC-FS", "HC"], []));
        task.ResolvedWithCase(TaskOutcome.Dissuaded, "T0", T0, new FollowUpPolicy(TimeSpan.FromHours(1)));
        var due = T0.AddHours(1).ToUnixTimeMilliseconds();

        Assert.That(Entries(task), Is.EqualTo(new[] { $"+followups:area:HC-FS@{due}", $"+followups:area:HC@{due}" }));
    }
}
