using WarningDispatch.Contracts;
using WarningDispatch.Domain.Escalation;
using WarningDispatch.Domain.Reports;
using WarningDispatch.Domain.Tasks;
using static WarningDispatch.Domain.Tests.TestRegion;

namespace WarningDispatch.Domain.Tests;

/// <summary>
/// Every report figure on a hand-built set of tasks with known answers. Eleven tasks issued at T0 (08:15 Shanghai,
/// 2026-11-21), received 20 s later: ten urban ones at S1 acknowledged 10, 20, …, 100 s after issue, and one rural,
/// high-risk one at S3 from a bank.
/// </summary>
public class ReportTests
{
    static readonly EscalationPolicy Policy = new();
    static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    static readonly DateOnly Day = new(2026, 11, 21);
    static readonly Actor OfficerA = Actor.Field("a", "A");
    static readonly Actor OfficerR = Actor.Field("r", "R");
    readonly FakeRoster _roster = new FakeRoster().OnDuty("S1", "A").OnDuty("S3", "R");
    int _ids;

    DispatchTask NewTask(int n, DispatchWarning? instruction = null, AreaType area = AreaType.Urban,
        DateTimeOffset? receivedAt = null)
    {
        instruction = (instruction ?? Instruction()) with { InstructionId = $"GX-R-{n}" };
        return DispatchTask.Create($"T{n}", instruction, receivedAt ?? instruction.IssuedAt.AddSeconds(20),
            Policy.PlanFor(instruction, area), Router().Route(instruction.Subject, _roster));
    }

    string Id() => $"action-{++_ids}";

    static DateTimeOffset At(double seconds) => T0.AddSeconds(seconds);

    List<DispatchTask> Scenario()
    {
        var tasks = Enumerable.Range(1, 10).Select(i => NewTask(i)).ToList();
        for (var i = 0; i < 10; i++) Ok(tasks[i].Acknowledge(OfficerA, Id(), At(10 * (i + 1))));
        for (var i = 0; i < 4; i++)
            Ok(tasks[i].RecordCallResult(OfficerA, Id(), CallResult.ReachedAndDissuaded, At(101 + i), FollowUp));
        // 5: the call fails, the officer is there in 1 h of 2 h, money protected.
        Ok(tasks[4].RecordCallResult(OfficerA, Id(), CallResult.NoAnswer, At(200), FollowUp));
        Ok(tasks[4].ArriveOnScene(OfficerA, Id(), At(3600)));
        Ok(tasks[4].RecordOutcome(OfficerA, Id(), TaskOutcome.FundsProtected, 5000m, At(3700), FollowUp));
        // 6: the call fails, the 2 h deadline is breached, the officer arrives at 3 h, the money was already gone.
        Ok(tasks[5].RecordCallResult(OfficerA, Id(), CallResult.Busy, At(201), FollowUp));
        tasks[5].OnDeadline(tasks[5].Version, At(7200), _ => throw new InvalidOperationException());
        Ok(tasks[5].ArriveOnScene(OfficerA, Id(), At(10800)));
        Ok(tasks[5].RecordOutcome(OfficerA, Id(), TaskOutcome.AlreadyDefrauded, 1000m, At(10900), FollowUp));
        // 7: the call fails, the visit is still under way.
        Ok(tasks[6].RecordCallResult(OfficerA, Id(), CallResult.NoAnswer, At(202), FollowUp));
        // 8: still on the phone warning, and a fraud report says the person was defrauded anyway.
        Assert.That(tasks[7].MarkDefrauded(new DefraudedAfterWarning
            { ReportId = "FR-1", OccurredAt = At(5000), AmountLost = 2000m }, Actor.System, At(6000)), Is.True);
        // 11: rural, high risk on a call, from a bank: visit at once (8 h), on scene at 7 h, dissuaded.
        var rural = NewTask(11, Instruction(RiskLevel.High, regionCode: "451299", onCallNow: true) with
            { Source = InstructionSource.Bank, Kind = InstructionKind.SuspiciousCall }, AreaType.Rural);
        Ok(rural.Acknowledge(OfficerR, Id(), At(5)));
        Ok(rural.ArriveOnScene(OfficerR, Id(), At(25200)));
        Ok(rural.RecordOutcome(OfficerR, Id(), TaskOutcome.Dissuaded, null, At(25300), FollowUp));
        tasks.Add(rural);
        return tasks;
    }

    static void Ok(ActionResult result) =>
        Assert.That(result.Status, Is.EqualTo(ActionStatus.Applied), result.Refusal?.Text);

    static ReportSummary Summary(IEnumerable<DispatchTask> tasks, string area = "K1", long rejected = 0) =>
        ReportCalculator.Summarize(tasks.Select(t => ReportFact.Of(t, Shanghai)), Day, Day, area, Registry(),
            "Asia/Shanghai", rejected);

    [Test]
    public void Percentiles_are_nearest_rank_values_and_null_without_values()
    {
        var ten = Enumerable.Range(1, 10).Select(i => i * 10.0).ToList();
        Assert.That(ReportCalculator.Percentile(ten, 50), Is.EqualTo(50));
        Assert.That(ReportCalculator.Percentile(ten, 90), Is.EqualTo(90));
        Assert.That(ReportCalculator.Percentile([7.0], 90), Is.EqualTo(7));
        Assert.That(ReportCalculator.Percentile([], 50), Is.Null);
    }

    [Test]
    public void Counts_by_source_kind_risk_and_outcome()
    {
        var s = Summary(Scenario());

        Assert.That(s.Received, Is.EqualTo(11));
        Assert.That(s.BySource["NationalCenter"], Is.EqualTo(10));
        Assert.That(s.BySource["Bank"], Is.EqualTo(1));
        Assert.That(s.BySource["Telecom"], Is.Zero, "every source is listed");
        Assert.That((s.ByKind["FundTransfer"], s.ByKind["SuspiciousCall"]), Is.EqualTo((10, 1)));
        Assert.That((s.ByRiskLevel["Medium"], s.ByRiskLevel["High"], s.ByRiskLevel["Low"]), Is.EqualTo((10, 1, 0)));
        Assert.That(s.Resolved, Is.EqualTo(7));
        Assert.That(s.ByOutcome, Is.EquivalentTo(new Dictionary<string, int>
        {
            ["Dissuaded"] = 5, ["FundsProtected"] = 1, ["AlreadyDefrauded"] = 1, ["PersonNotFound"] = 0,
            ["FalseAlarm"] = 0,
        }));
    }

    [Test]
    public void Times_from_issue_are_p50_and_p90_by_nearest_rank()
    {
        var s = Summary(Scenario());

        // Acknowledged at 5, 10, 20, …, 100 s: rank ⌈5.5⌉ = 6 → 50, rank ⌈9.9⌉ = 10 → 90.
        Assert.That((s.AckSeconds.P50, s.AckSeconds.P90, s.AckSeconds.Count), Is.EqualTo((50.0, 90.0, 11)));
        // First calls at 101, 102, 103, 104, 200, 201, 202 s: rank 4 → 104, rank 7 → 202.
        Assert.That((s.FirstContactSeconds.P50, s.FirstContactSeconds.P90), Is.EqualTo((104.0, 202.0)));
        // On scene at 1 h, 3 h, 7 h.
        Assert.That((s.OnSceneSeconds.P50, s.OnSceneSeconds.P90), Is.EqualTo((10800.0, 25200.0)));
        var s1 = s.PerPost.Single(p => p.PostId == "S1");
        Assert.That((s1.AckSeconds.P50, s1.AckSeconds.P90), Is.EqualTo((50.0, 90.0)), "10 … 100 s at S1 alone");
    }

    [Test]
    public void Compliance_248_counts_decided_visits_per_area_type()
    {
        var s = Summary(Scenario());

        Assert.That((s.HomeVisits, s.HomeVisitsWithinDeadline, s.HomeVisitsPending), Is.EqualTo((4, 2, 1)));
        Assert.That(s.Compliance248, Is.EqualTo(2.0 / 3), "the visit still under way is neither kept nor missed");
        var urban = s.Compliance248ByAreaType["Urban"];
        Assert.That((urban.HomeVisits, urban.WithinDeadline, urban.Pending, urban.Rate), Is.EqualTo((3, 1, 1, 0.5)));
        Assert.That(s.Compliance248ByAreaType["Rural"].Rate, Is.EqualTo(1.0), "7 h of 8 h");
        Assert.That(s.Compliance248ByAreaType["Suburban"].Rate, Is.Null, "no suburban visit");
        Assert.That(s.Breaches, Is.EqualTo(1));
    }

    [Test]
    public void Amounts_and_rates()
    {
        var s = Summary(Scenario());

        Assert.That(s.AmountProtected, Is.EqualTo(5000m));
        Assert.That(s.AmountLost, Is.EqualTo(3000m), "1000 already defrauded + 2000 defrauded after warning");
        Assert.That(s.DefraudedAfterWarning, Is.EqualTo(1));
        Assert.That(s.DefraudedAfterWarningRate, Is.EqualTo(1.0 / 11));
        Assert.That(s.DissuasionRate, Is.EqualTo(6.0 / 7), "dissuaded 5 + funds protected 1 of 7 resolved");
    }

    [Test]
    public void Per_post_rows_carry_the_same_figures_for_their_own_tasks()
    {
        var s = Summary(Scenario());

        Assert.That(s.PerPost.Select(p => (p.PostId, p.Name, p.AreaType)),
            Is.EqualTo(new[] { ("S1", "Station 1", AreaType.Urban), ("S3", "Station 3", AreaType.Rural) }));
        var (s1, s3) = (s.PerPost[0], s.PerPost[1]);
        Assert.That((s1.Received, s1.Resolved, s1.HomeVisits, s1.Breaches), Is.EqualTo((10, 6, 3, 1)));
        Assert.That((s1.AmountProtected, s1.AmountLost, s1.DefraudedAfterWarning), Is.EqualTo((5000m, 3000m, 1)));
        Assert.That(s1.DissuasionRate, Is.EqualTo(5.0 / 6));
        Assert.That((s3.Received, s3.Compliance248, s3.BySource["Bank"]), Is.EqualTo((1, 1.0, 1)));
        Assert.That(s.Days.Single(), Is.EqualTo(s.Days[0]));
        Assert.That((s.Days[0].Day, s.Days[0].Received, s.Days[0].BySource["Bank"]), Is.EqualTo((Day, 11, 1)));
    }

    [Test]
    public void An_area_counts_only_its_own_tasks_and_a_station_its_own()
    {
        var tasks = Scenario();

        Assert.That(Summary(tasks, "C").Received, Is.EqualTo(11), "the city centre above");
        Assert.That(Summary(tasks, "K2").Received, Is.Zero, "another county");
        Assert.That(Summary(tasks, "S3").Received, Is.EqualTo(1), "a station: the tasks it holds");
        Assert.That(Summary(tasks, "K2").Compliance248, Is.Null);
        Assert.That(Summary(tasks, "K2").AckSeconds.P50, Is.Null);
        Assert.That(Summary(tasks, "K2").DissuasionRate, Is.Null);
    }

    [Test]
    public void A_day_is_the_local_day_in_Shanghai_never_UTC()
    {
        var lateIssue = new DateTimeOffset(2026, 11, 20, 15, 59, 0, TimeSpan.Zero);
        var late = NewTask(1, Instruction(issuedAt: lateIssue),
            receivedAt: new DateTimeOffset(2026, 11, 20, 15, 59, 59, TimeSpan.Zero));
        var next = NewTask(2, Instruction(issuedAt: lateIssue),
            receivedAt: new DateTimeOffset(2026, 11, 20, 16, 0, 0, TimeSpan.Zero));

        Assert.That(ReportFact.Of(late, Shanghai).Day, Is.EqualTo(new DateOnly(2026, 11, 20)));
        Assert.That(ReportFact.Of(next, Shanghai).Day, Is.EqualTo(new DateOnly(2026, 11, 21)));
        var s = Summary([late, next]);
        Assert.That(s.Received, Is.EqualTo(1));
        Assert.That(s.Days[0].Received, Is.EqualTo(1));
    }

    [Test]
    public void A_fact_follows_the_task_as_it_moves_on()
    {
        var task = NewTask(1);
        var before = ReportFact.Of(task, Shanghai);
        Ok(task.Acknowledge(OfficerA, Id(), At(30)));
        var after = ReportFact.Of(task, Shanghai);

        Assert.That((before.AckSeconds, after.AckSeconds), Is.EqualTo(((double?)null, (double?)30)));
        Assert.That(after.Day, Is.EqualTo(before.Day));
    }
}
