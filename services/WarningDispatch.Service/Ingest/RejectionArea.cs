using System.Text.Json;
using Microsoft.Extensions.Options;
using WarningDispatch.Domain.Routing;

namespace WarningDispatch.Service.Ingest;

/// <summary>
/// Which duty officers may see a rejected body: those of the area where the person is, read as leniently as the body
/// allows (a valid region code, else a location in range). A body with neither is for the top-level duty officers.
/// </summary>
public sealed class RejectionArea(Router router, IOptions<RoutingOptions> routing)
{
    public IReadOnlyList<string> Of(ReadOnlySpan<byte> body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
            if (doc.RootElement.ValueKind != JsonValueKind.Object ||
                !doc.RootElement.TryGetProperty("subject", out var subject) ||
                subject.ValueKind != JsonValueKind.Object)
                return [];
            if (subject.TryGetProperty("regionCode", out var code) && code.ValueKind == JsonValueKind.String &&
                router.Posts.ByRegionCode(code.GetString()) is { } post)
                return router.Posts.AreaIdsOf(post);
            if (subject.TryGetProperty("location", out var l) && l.ValueKind == JsonValueKind.Object &&
                l.TryGetProperty("lat", out var lat) && lat.TryGetDouble(out var la) && la is >= -90 and <= 90 &&
                l.TryGetProperty("lon", out var lon) && lon.TryGetDouble(out var lo) && lo is >= -180 and <= 180 &&
                router.Posts.NearestStation(la, lo, routing.Value.MaxNearestKm, _ => true, out _) is { } near)
                return router.Posts.AreaIdsOf(near);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            // Unreadable: no area can be told.
        }
        return [];
    }

    /// <summary>Duty officers see rejections of their area; those of no known area go to the top level only.</summary>
    public bool IsVisibleTo(RejectionSummary rejection, string? areaId) =>
        areaId is not null && (rejection.AreaIds.Contains(areaId) ||
                               rejection.AreaIds.Count == 0 && router.Posts.RootIds.Contains(areaId));
}
