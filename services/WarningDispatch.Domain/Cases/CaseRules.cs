using WarningDispatch.Contracts;
using WarningDispatch.Domain.Tasks;

namespace WarningDispatch.Domain.Cases;

/// <summary>What a case's warnings together mean: the highest risk, and whether an officer must go to the door.
/// </summary>
public static class CaseRules
{
    public static IReadOnlyList<CaseWarning> InOrder(IEnumerable<CaseWarning> warnings) =>
        warnings.OrderBy(w => w.ReceivedAt).ThenBy(w => w.TaskId, StringComparer.Ordinal).ToList();

    /// <summary>High is the highest (the enum lists High first).</summary>
    public static RiskLevel HighestRisk(IEnumerable<CaseWarning> warnings, RiskLevel own) =>
        warnings.Select(w => w.RiskLevel).Append(own).Min();

    /// <summary>
    /// Why the case requires a home visit, or null: warnings from two or more sources corroborate each other; the same
    /// source warning again <see cref="CasePolicy.RepeatCount"/> times inside the window is a person not listening.
    /// </summary>
    public static StepReason? VisitReason(IReadOnlyList<CaseWarning> warnings, DateTimeOffset now, CasePolicy policy)
    {
        var inWindow = warnings.Where(w => now - w.ReceivedAt < policy.Window).ToList();
        var sources = inWindow.Select(w => w.Source).Distinct().Order().ToList();
        if (sources.Count >= 2)
            return Reasons.Of(ReasonCode.CaseCorroborated, ("sources", string.Join(",", sources)));
        if (inWindow.Count >= policy.RepeatCount)
            return Reasons.Of(ReasonCode.RepeatedWarnings,
                ("count", inWindow.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return null;
    }
}
