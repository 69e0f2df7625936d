using WarningDispatch.Contracts;
using WarningDispatch.Domain.Routing;

namespace WarningDispatch.Domain.Reports;

/// <summary>The arithmetic of a report (INTERFACE.md §9; definitions on <see cref="ReportFigures"/>).</summary>
public static class ReportCalculator
{
    /// <summary>
    /// The summary of the facts received from <paramref name="from"/> to <paramref name="to"/> (local days, both
    /// included) that lie in <paramref name="areaId"/>; facts outside either are ignored.
    /// </summary>
    public static ReportSummary Summarize(IEnumerable<ReportFact> facts, DateOnly from, DateOnly to, string areaId,
        PostRegistry posts, string timeZone, long rejected)
    {
        var mine = facts.Where(f => f.Day >= from && f.Day <= to && f.IsIn(areaId)).ToList();
        var perPost = mine.Where(f => f.PostId is not null).GroupBy(f => f.PostId!)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => posts.Find(g.Key) is { } post
                ? new PostReport(Figures(g.ToList()), post.PostId, post.Name, post.AreaType)
                : new PostReport(Figures(g.ToList()), g.Key, g.Key, g.First().AreaType))
            .ToList();
        var byDay = mine.ToLookup(f => f.Day);
        var days = Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(from.AddDays)
            .Select(d => new DayReport
            {
                Day = d, Received = byDay[d].Count(), BySource = Count<InstructionSource>(byDay[d], f => f.Source),
            }).ToList();
        return new ReportSummary(Figures(mine), from, to, timeZone, areaId, posts.Find(areaId)?.Name ?? areaId,
            rejected, perPost, days);
    }

    /// <summary>Every figure of one set of facts.</summary>
    public static ReportFigures Figures(IReadOnlyCollection<ReportFact> facts)
    {
        var resolved = facts.Where(f => f.Outcome is not null).ToList();
        var visits = Compliance(facts);
        var defrauded = facts.Count(f => f.DefraudedAfterWarning);
        return new ReportFigures
        {
            Received = facts.Count,
            BySource = Count<InstructionSource>(facts, f => f.Source),
            ByKind = Count<InstructionKind>(facts, f => f.Kind),
            ByRiskLevel = Count<RiskLevel>(facts, f => f.RiskLevel),
            Resolved = resolved.Count,
            ByOutcome = Count<TaskOutcome>(resolved, f => f.Outcome!.Value),
            HomeVisits = visits.HomeVisits,
            HomeVisitsWithinDeadline = visits.WithinDeadline,
            HomeVisitsPending = visits.Pending,
            Compliance248 = visits.Rate,
            Compliance248ByAreaType = Enum.GetValues<AreaType>()
                .ToDictionary(t => t.ToString(), t => Compliance(facts.Where(f => f.AreaType == t).ToList())),
            AckSeconds = Percentiles(facts.Select(f => f.AckSeconds)),
            FirstContactSeconds = Percentiles(facts.Select(f => f.FirstContactSeconds)),
            OnSceneSeconds = Percentiles(facts.Select(f => f.OnSceneSeconds)),
            Breaches = facts.Count(f => f.Breached),
            AmountProtected = facts.Sum(f => f.AmountProtected),
            AmountLost = facts.Sum(f => f.AmountLost),
            DefraudedAfterWarning = defrauded,
            DefraudedAfterWarningRate = Rate(defrauded, facts.Count),
            DissuasionRate = Rate(resolved.Count(f => f.Outcome is TaskOutcome.Dissuaded or TaskOutcome.FundsProtected),
                resolved.Count),
        };
    }

    /// <summary>
    /// Nearest rank: the p-th percentile of n sorted values is the value at rank ⌈p/100 · n⌉ (1-based), so it is
    /// always one of the values (p50 of 1…10 is 5, p90 is 9); null for no values.
    /// </summary>
    public static double? Percentile(IReadOnlyList<double> sorted, int p) =>
        sorted.Count == 0 ? null : sorted[Math.Max(1, (int)Math.Ceiling(p / 100.0 * sorted.Count)) - 1];

    static SecondsPercentiles Percentiles(IEnumerable<double?> values)
    {
        var sorted = values.OfType<double>().Order().ToList();
        return new SecondsPercentiles
        {
            P50 = Percentile(sorted, 50), P90 = Percentile(sorted, 90), Count = sorted.Count,
        };
    }

    static ComplianceFigure Compliance(IReadOnlyCollection<ReportFact> facts)
    {
        var visits = facts.Where(f => f.HomeVisitRequired).ToList();
        var within = visits.Count(f => f.OnSceneInTime);
        var pending = visits.Count(f => f.VisitPending);
        return new ComplianceFigure
        {
            HomeVisits = visits.Count, WithinDeadline = within, Pending = pending,
            Rate = Rate(within, visits.Count - pending),
        };
    }

    static double? Rate(int part, int whole) => whole == 0 ? null : (double)part / whole;

    static IReadOnlyDictionary<string, int> Count<TEnum>(IEnumerable<ReportFact> facts, Func<ReportFact, TEnum> key)
        where TEnum : struct, Enum
    {
        var counts = Enum.GetValues<TEnum>().ToDictionary(v => v.ToString(), _ => 0);
        foreach (var fact in facts) counts[key(fact).ToString()]++;
        return counts;
    }
}
