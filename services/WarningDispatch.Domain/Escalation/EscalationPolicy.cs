using WarningDispatch.Contracts;
using WarningDispatch.Domain.Tasks;

namespace WarningDispatch.Domain.Escalation;

/// <summary>The configurable rules from which each task's <see cref="EscalationPlan"/> is frozen.</summary>
public sealed record EscalationPolicy
{
    public TimeSpan AckHigh { get; init; } = TimeSpan.FromMinutes(2);
    public TimeSpan AckMedium { get; init; } = TimeSpan.FromMinutes(5);
    public TimeSpan AckLow { get; init; } = TimeSpan.FromMinutes(15);
    public TimeSpan CallHigh { get; init; } = TimeSpan.FromMinutes(10);
    public TimeSpan CallMedium { get; init; } = TimeSpan.FromMinutes(20);
    public TimeSpan CallLow { get; init; } = TimeSpan.FromMinutes(60);
    /// <summary>The "248" rule: home visit within 2 h urban, 4 h suburban, 8 h rural.</summary>
    public TimeSpan VisitUrban { get; init; } = TimeSpan.FromHours(2);
    public TimeSpan VisitSuburban { get; init; } = TimeSpan.FromHours(4);
    public TimeSpan VisitRural { get; init; } = TimeSpan.FromHours(8);
    /// <summary>A High-risk instruction with at least this amount at risk starts the home visit at once.</summary>
    public decimal ParallelVisitAmount { get; init; } = 50_000m;
    /// <summary>Divides every window; only for demos (e.g. 60 turns 2 h into 2 min).</summary>
    public double TimeCompression { get; init; } = 1;

    public EscalationPlan PlanFor(DispatchWarning instruction, AreaType area)
    {
        var risk = instruction.RiskLevel;
        var ack = Scale(risk switch { RiskLevel.High => AckHigh, RiskLevel.Medium => AckMedium, _ => AckLow });
        var call = Scale(risk switch { RiskLevel.High => CallHigh, RiskLevel.Medium => CallMedium, _ => CallLow });
        var visit = Scale(area switch
        {
            AreaType.Urban => VisitUrban, AreaType.Suburban => VisitSuburban, _ => VisitRural,
        });
        StepReason? parallel = null;
        if (instruction.RiskLevel == RiskLevel.High && instruction.Context?.OnCallNow == true)
            parallel = Reasons.Of(ReasonCode.HighRiskOnCall);
        else if (instruction.RiskLevel == RiskLevel.High
                 && instruction.Context?.AmountAtRisk is { } amount && amount >= ParallelVisitAmount)
            parallel = Reasons.Of(ReasonCode.HighRiskAmount,
                ("amount", Reasons.Number(amount)), ("threshold", Reasons.Number(ParallelVisitAmount)));
        // Deadlines are kept in UTC so every clock on every console compares them the same way.
        var issuedAt = instruction.IssuedAt.ToUniversalTime();
        return new EscalationPlan
        {
            IssuedAt = issuedAt,
            AckWindow = ack,
            CallDeadline = issuedAt + call,
            AreaType = area,
            VisitWindow = visit,
            ParallelHomeVisit = parallel,
        };
    }

    TimeSpan Scale(TimeSpan window) => TimeCompression > 1 ? window / TimeCompression : window;
}
