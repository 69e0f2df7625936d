using WarningDispatch.Contracts;
using WarningDispatch.Domain.Tasks;

namespace WarningDispatch.Domain.Routing;

/// <summary>
/// Where a task goes and why. <see cref="PostId"/> and <see cref="OfficerId"/> are null when nothing fits.
/// <see cref="Reasons"/> are the codes a console translates; <see cref="Reason"/> says them in English.
/// </summary>
public sealed record RoutingDecision(
    string? PostId, string? OfficerId, IReadOnlyList<string> AreaIds, IReadOnlyList<StepReason> Reasons)
{
    public bool IsRouted => OfficerId is not null;
    public string Reason => Tasks.Reasons.English(Reasons);
}
