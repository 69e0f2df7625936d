using WarningDispatch.Contracts;
using WarningDispatch.Domain.Tasks;

namespace WarningDispatch.Domain.Reports;

/// <summary>
/// The few figures of one task that a report needs, recomputed at every commit of the task and kept under the local
/// day it was received (which never moves): a report reads these, never the tasks. Times are seconds from the
/// instruction's <c>issuedAt</c>, null when the step never happened.
/// </summary>
public sealed record ReportFact
{
    public required string TaskId { get; init; }
    /// <summary>The local day of <c>receivedAt</c> in the reporting time zone.</summary>
    public required DateOnly Day { get; init; }
    public required InstructionSource Source { get; init; }
    public required InstructionKind Kind { get; init; }
    /// <summary>The instruction's own risk level.</summary>
    public required RiskLevel RiskLevel { get; init; }
    /// <summary>The centres that watch the task (its post's ancestors, or where an unrouted task waits).</summary>
    public required IReadOnlyList<string> AreaIds { get; init; }
    /// <summary>The post holding the task now; null when unrouted.</summary>
    public string? PostId { get; init; }
    /// <summary>Area type of the post first routed to: sets the "248" visit window.</summary>
    public required AreaType AreaType { get; init; }
    public required DateTimeOffset IssuedAt { get; init; }
    public double? AckSeconds { get; init; }
    public double? FirstContactSeconds { get; init; }
    public double? OnSceneSeconds { get; init; }
    public bool HomeVisitRequired { get; init; }
    /// <summary>An officer was on scene by the visit deadline.</summary>
    public bool OnSceneInTime { get; init; }
    /// <summary>The visit deadline was breached with nobody on scene.</summary>
    public bool Breached { get; init; }
    public TaskOutcome? Outcome { get; init; }
    public decimal AmountProtected { get; init; }
    /// <summary>An <c>AlreadyDefrauded</c> outcome's amount plus the first defrauded-after-warning mark's.</summary>
    public decimal AmountLost { get; init; }
    public bool DefraudedAfterWarning { get; init; }

    public static ReportFact Of(DispatchTask task, TimeZoneInfo zone)
    {
        var issued = task.Instruction.IssuedAt;
        double? SecondsTo(Func<HistoryAction, bool> step) =>
            task.History.FirstOrDefault(h => step(h.Code)) is { } first ? (first.At - issued).TotalSeconds : null;
        var arrived = task.History.FirstOrDefault(h => h.Code == HistoryAction.ArrivedOnScene);
        return new ReportFact
        {
            TaskId = task.TaskId,
            Day = DayOf(task.ReceivedAt, zone),
            Source = task.Instruction.Source,
            Kind = task.Instruction.Kind,
            RiskLevel = task.Instruction.RiskLevel,
            AreaIds = task.AreaIds.ToList(),
            PostId = task.PostId,
            AreaType = task.Plan.AreaType,
            IssuedAt = issued,
            AckSeconds = SecondsTo(c => c == HistoryAction.Acknowledged),
            FirstContactSeconds = SecondsTo(c => c is HistoryAction.CallRecorded or HistoryAction.ContactAttempted),
            OnSceneSeconds = arrived is null ? null : (arrived.At - issued).TotalSeconds,
            HomeVisitRequired = task.HomeVisitRequired,
            OnSceneInTime = task.HomeVisitRequired && arrived is not null && arrived.At <= task.Plan.VisitDeadline,
            Breached = task.History.Any(h => h.Code == HistoryAction.VisitBreached),
            Outcome = task.Outcome,
            AmountProtected = task.Outcome == TaskOutcome.FundsProtected ? task.Amount ?? 0 : 0,
            AmountLost = (task.Outcome == TaskOutcome.AlreadyDefrauded ? task.Amount ?? 0 : 0)
                         + (task.DefraudedAfterWarning?.AmountLost ?? 0),
            DefraudedAfterWarning = task.DefraudedAfterWarning is not null,
        };
    }

    /// <summary>The local day of an instant in <paramref name="zone"/>.</summary>
    public static DateOnly DayOf(DateTimeOffset at, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    /// <summary>Whether the task counts for an area: a centre watching it, or the post holding it.</summary>
    public bool IsIn(string areaId) => PostId == areaId || AreaIds.Contains(areaId);

    /// <summary>A home visit neither kept nor missed yet: nobody on scene, not breached, not resolved.</summary>
    public bool VisitPending => HomeVisitRequired && OnSceneSeconds is null && !Breached && Outcome is null;
}
