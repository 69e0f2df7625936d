using WarningDispatch.Contracts;
using WarningDispatch.Domain.Tasks;

namespace WarningDispatch.Domain.Escalation;

/// <summary>
/// The deadlines of one task, frozen when the task is created so that a later change of configuration or of the
/// assigned post never moves them. Every deadline counts from the instruction's <see cref="IssuedAt"/>.
/// </summary>
public sealed record EscalationPlan
{
    public required DateTimeOffset IssuedAt { get; init; }
    /// <summary>
    /// Time an officer has to acknowledge: the first from <see cref="IssuedAt"/>, each reassignment from the moment it
    /// is made.
    /// </summary>
    public required TimeSpan AckWindow { get; init; }
    public required DateTimeOffset CallDeadline { get; init; }
    /// <summary>Area type of the post the task was first routed to; sets <see cref="VisitWindow"/>.</summary>
    public required AreaType AreaType { get; init; }
    public required TimeSpan VisitWindow { get; init; }
    /// <summary>Why the home visit starts at once, in parallel with the call; null when the call comes first.</summary>
    public StepReason? ParallelHomeVisit { get; init; }
    /// <summary><see cref="ParallelHomeVisit"/> in English.</summary>
    public string? ParallelHomeVisitReason => ParallelHomeVisit is { } why ? Reasons.English(why) : null;

    public DateTimeOffset FirstAckDeadline => IssuedAt + AckWindow;
    public DateTimeOffset VisitDeadline => IssuedAt + VisitWindow;

    /// <summary>The home-visit warnings: 50 % and 80 % of the window, and the breach at 100 %.</summary>
    public static readonly int[] VisitMilestones = [50, 80, 100];

    public DateTimeOffset VisitMilestoneAt(int percent) => IssuedAt + VisitWindow * (percent / 100.0);
}
