namespace WarningDispatch.Domain.Routing;

/// <summary>The police posts of the service's region: hierarchy, jurisdiction by region code, and a spatial index of
/// stations.</summary>
public sealed class PostRegistry
{
    readonly Dictionary<string, PolicePost> _byId;
    readonly Dictionary<string, PolicePost> _byRegionCode;
    readonly List<PolicePost> _stations;
    readonly NearestPostIndex _stationIndex;

    public PostRegistry(IEnumerable<PolicePost> posts)
    {
        All = posts.ToList();
        _byId = new Dictionary<string, PolicePost>(StringComparer.Ordinal);
        _byRegionCode = new Dictionary<string, PolicePost>(StringComparer.Ordinal);
        foreach (var post in All)
        {
            if (!_byId.TryAdd(post.PostId, post))
                throw new ArgumentException($"Post id {post.PostId} appears twice.");
            foreach (var code in post.RegionCodes)
                if (!_byRegionCode.TryAdd(code, post))
                    throw new ArgumentException(
                        $"Region code {code} is covered by both {_byRegionCode[code].PostId} and {post.PostId}.");
        }
        foreach (var post in All)
            if (post.ParentId is not null && !_byId.ContainsKey(post.ParentId))
                throw new ArgumentException($"Post {post.PostId} names parent {post.ParentId}, which does not exist.");
        _stations = All.Where(p => p.Level == PostLevel.Station).ToList();
        _stationIndex = new NearestPostIndex(_stations.Select(p => (p.Lat, p.Lon)).ToList());
    }

    public IReadOnlyList<PolicePost> All { get; }

    public PolicePost? Find(string? postId) => postId is not null && _byId.TryGetValue(postId, out var p) ? p : null;

    public PolicePost? ByRegionCode(string? regionCode) =>
        regionCode is not null && _byRegionCode.TryGetValue(regionCode, out var p) ? p : null;

    /// <summary>Parent, grandparent, … up to the root.</summary>
    public IEnumerable<PolicePost> Ancestors(PolicePost post)
    {
        var current = Find(post.ParentId);
        while (current is not null)
        {
            yield return current;
            current = Find(current.ParentId);
        }
    }

    /// <summary>Whether the post is the area's own or lies below it: what that area's duty officers reach.</summary>
    public bool LiesIn(string? postId, string? areaId) =>
        areaId is not null && Find(postId) is { } post
        && (post.PostId == areaId || Ancestors(post).Any(p => p.PostId == areaId));

    /// <summary>Whether the post has no parent: its duty officers watch the whole region.</summary>
    public bool IsTopLevel(string? postId) => Find(postId) is { ParentId: null };

    /// <summary>The centres whose duty officers watch tasks at this post: itself if it is a centre, and every centre
    /// above it.</summary>
    public IReadOnlyList<string> AreaIdsOf(PolicePost post) =>
        (post.Level == PostLevel.Station ? Ancestors(post) : Ancestors(post).Prepend(post))
            .Select(p => p.PostId).ToList();

    public IReadOnlyList<string> RootIds => All.Where(p => p.ParentId is null).Select(p => p.PostId).ToList();

    /// <summary>Nearest station within <paramref name="maxKm"/> that <paramref name="accept"/> allows.</summary>
    public PolicePost? NearestStation(double lat, double lon, double maxKm, Func<PolicePost, bool> accept,
        out double distanceKm)
    {
        var i = _stationIndex.FindNearest(lat, lon, maxKm, k => accept(_stations[k]), out distanceKm);
        return i < 0 ? null : _stations[i];
    }
}
