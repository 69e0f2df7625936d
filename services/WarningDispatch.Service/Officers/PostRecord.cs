using WarningDispatch.Contracts;
using WarningDispatch.Domain.Routing;

namespace WarningDispatch.Service.Officers;

/// <summary>A police post as the region file lists it.</summary>
public sealed record PostRecord(
    string PostId, string Name, PostLevel Level, string? ParentId, double Lat, double Lon, AreaType AreaType,
    IReadOnlyList<string>? RegionCodes)
{
    public PolicePost ToPost() => new(PostId, Name, Level, ParentId, Lat, Lon, AreaType, RegionCodes ?? []);
}
