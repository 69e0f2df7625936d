using BenchmarkDotNet.Attributes;
using WarningDispatch.Contracts;
using WarningDispatch.Domain.Routing;

namespace WarningDispatch.Benchmarks;

/// <summary>
/// Nearest-post lookup over a synthetic national registry of 40,000 posts, as routing uses it (60 km radius), against
/// the linear scan <see cref="NearestPostIndex.FindNearestByScan"/> as the reference. Figures are per lookup.
/// </summary>
[MemoryDiagnoser]
public class NearestPostBenchmarks
{
    const int KdQueries = 4096;
    const int ScanQueries = 64;
    const double MaxKm = 60;

    [Params(40_000)] public int Posts;

    NearestPostIndex _index = null!;
    IReadOnlyList<(double Lat, double Lon)> _points = null!;
    (double Lat, double Lon)[] _queries = null!;
    bool[] _staffed80 = null!, _staffed10 = null!;
    Func<int, bool> _all = null!, _accept80 = null!, _accept10 = null!;
    PostRegistry _registry = null!;
    HashSet<string> _staffedIds = null!;
    Router _router = null!;
    Roster _roster = null!;
    WarningSubject[] _subjects = null!, _offshore = null!;

    [GlobalSetup]
    public void Setup()
    {
        var nation = new SyntheticNation(Posts, KdQueries);
        _points = nation.Points;
        _queries = nation.Queries;
        _index = new NearestPostIndex(_points);
        var rng = new Random(7);
        _staffed80 = _points.Select(_ => rng.NextDouble() < 0.8).ToArray();
        _staffed10 = _points.Select(_ => rng.NextDouble() < 0.1).ToArray();
        _all = static _ => true;
        _accept80 = i => _staffed80[i];
        _accept10 = i => _staffed10[i];

        _registry = new PostRegistry(nation.Posts);
        _staffedIds = nation.Posts.Where((_, i) => _staffed80[i]).Select(p => p.PostId).ToHashSet();
        _roster = new Roster(nation.Posts.Where(p => p.Level == PostLevel.Station && _staffedIds.Contains(p.PostId))
            .ToDictionary(p => p.PostId, p => (IReadOnlyList<OfficerLoad>)[
                new OfficerLoad(p.PostId + "-A", p.PostId, 3), new OfficerLoad(p.PostId + "-B", p.PostId, 1)]));
        _router = new Router(_registry, new RoutingOptions { MaxNearestKm = MaxKm });
        _subjects = _queries.Select(q => new WarningSubject { Phone = "+8613800000000",
            Location = new GeoPoint { Lat = q.Lat, Lon = q.Lon } }).ToArray();
        _offshore = nation.Offshore.Select(q => new WarningSubject { Phone = "+8613800000000",
            Location = new GeoPoint { Lat = q.Lat, Lon = q.Lon } }).ToArray();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = ScanQueries, Description = "scan, every post accepted")]
    public int Scan_All()
    {
        var sum = 0;
        for (var q = 0; q < ScanQueries; q++)
            sum += NearestPostIndex.FindNearestByScan(_points, _queries[q].Lat, _queries[q].Lon, MaxKm, _all, out _);
        return sum;
    }

    [Benchmark(OperationsPerInvoke = ScanQueries, Description = "scan, 80 % of posts staffed")]
    public int Scan_Staffed80()
    {
        var sum = 0;
        for (var q = 0; q < ScanQueries; q++)
            sum += NearestPostIndex.FindNearestByScan(_points, _queries[q].Lat, _queries[q].Lon, MaxKm, _accept80,
                out _);
        return sum;
    }

    [Benchmark(OperationsPerInvoke = KdQueries, Description = "k-d tree, every post accepted")]
    public int KdTree_All()
    {
        var sum = 0;
        for (var q = 0; q < KdQueries; q++)
            sum += _index.FindNearest(_queries[q].Lat, _queries[q].Lon, MaxKm, _all, out _);
        return sum;
    }

    [Benchmark(OperationsPerInvoke = KdQueries, Description = "k-d tree, 80 % of posts staffed")]
    public int KdTree_Staffed80()
    {
        var sum = 0;
        for (var q = 0; q < KdQueries; q++)
            sum += _index.FindNearest(_queries[q].Lat, _queries[q].Lon, MaxKm, _accept80, out _);
        return sum;
    }

    [Benchmark(OperationsPerInvoke = KdQueries, Description = "k-d tree, 10 % of posts staffed (night)")]
    public int KdTree_Staffed10()
    {
        var sum = 0;
        for (var q = 0; q < KdQueries; q++)
            sum += _index.FindNearest(_queries[q].Lat, _queries[q].Lon, MaxKm, _accept10, out _);
        return sum;
    }

    [Benchmark(OperationsPerInvoke = KdQueries, Description = "PostRegistry.NearestStation, 80 % staffed")]
    public int Registry_NearestStation()
    {
        var sum = 0;
        for (var q = 0; q < KdQueries; q++)
            sum += _registry.NearestStation(_queries[q].Lat, _queries[q].Lon, MaxKm,
                p => _staffedIds.Contains(p.PostId), out _) is null ? 0 : 1;
        return sum;
    }

    [Benchmark(OperationsPerInvoke = KdQueries, Description = "Router.Route (location only), 80 % staffed")]
    public int Router_Route()
    {
        var sum = 0;
        for (var q = 0; q < KdQueries; q++) sum += _router.Route(_subjects[q], _roster).IsRouted ? 1 : 0;
        return sum;
    }

    /// <summary>
    /// A location far outside the registry: nothing within 60 km, so the router looks for the nearest station at any
    /// distance to anchor the task to a centre, and that unbounded search visits most of the tree.
    /// </summary>
    [Benchmark(OperationsPerInvoke = 64, Description = "Router.Route, location far outside the registry")]
    public int Router_Route_Offshore()
    {
        var sum = 0;
        for (var q = 0; q < 64; q++) sum += _router.Route(_offshore[q], _roster).IsRouted ? 1 : 0;
        return sum;
    }

    sealed class Roster(Dictionary<string, IReadOnlyList<OfficerLoad>> byPost) : IDutyRoster
    {
        public IReadOnlyList<OfficerLoad> OnDutyAt(string postId) => byPost.GetValueOrDefault(postId) ?? [];
    }
}
