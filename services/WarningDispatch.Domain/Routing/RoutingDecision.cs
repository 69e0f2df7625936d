namespace WarningDispatch.Domain.Routing;

/// <summary>Where a task goes and why. <see cref="PostId"/> and <see cref="OfficerId"/> are null when nothing fits.</summary>
public sealed record RoutingDecision(string? PostId, string? OfficerId, IReadOnlyList<string> AreaIds, string Reason)
{
    public bool IsRouted => OfficerId is not null;
}
