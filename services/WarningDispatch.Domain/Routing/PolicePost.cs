using WarningDispatch.Contracts;

namespace WarningDispatch.Domain.Routing;

public enum PostLevel { City, County, Station }

/// <summary>A police post (派出所) or an anti-fraud centre that takes tasks.</summary>
public sealed record PolicePost(
    string PostId,
    string Name,
    PostLevel Level,
    string? ParentId,
    double Lat,
    double Lon,
    AreaType AreaType,
    IReadOnlyList<string> RegionCodes);

/// <summary>An on-duty officer and how many unresolved tasks they hold.</summary>
public readonly record struct OfficerLoad(string OfficerId, string PostId, int OpenTasks);

/// <summary>Who is on duty where, as routing sees it at the moment of a decision.</summary>
public interface IDutyRoster
{
    /// <summary>On-duty officers of one post; off-duty officers are never listed.</summary>
    IReadOnlyList<OfficerLoad> OnDutyAt(string postId);
}
