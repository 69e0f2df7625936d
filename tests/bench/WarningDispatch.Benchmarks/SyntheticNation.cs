using WarningDispatch.Contracts;
using WarningDispatch.Domain.Routing;

namespace WarningDispatch.Benchmarks;

/// <summary>
/// A synthetic national registry: posts clustered around cities the way police stations are (dense in the east,
/// sparse in the west), deterministic for a seed. Queries are subject locations near where people live (near posts),
/// plus a share anywhere in the country's bounding box (some of them far from every post); and, separately, points far
/// outside the registry (offshore), where routing finds nothing within its radius.
/// </summary>
public sealed class SyntheticNation
{
    public IReadOnlyList<PolicePost> Posts { get; }
    public IReadOnlyList<(double Lat, double Lon)> Points { get; }
    public (double Lat, double Lon)[] Queries { get; }
    public (double Lat, double Lon)[] Offshore { get; }

    public SyntheticNation(int posts, int queries, int seed = 20261121, double anywhereShare = 0.05)
    {
        var rng = new Random(seed);
        var cities = Enumerable.Range(0, Math.Max(1, posts / 100)).Select(_ =>
        {
            // Longitude skewed east (most people live east of the Hu line), latitude 20–45° N.
            var lon = 75 + 55 * Math.Sqrt(rng.NextDouble());
            var lat = 20 + 25 * rng.NextDouble();
            return (lat, lon);
        }).ToArray();

        var list = new List<PolicePost>(posts);
        var counties = cities.Length;
        for (var c = 0; c < counties; c++)
            list.Add(new PolicePost($"C{c:00000}", $"centre {c}", PostLevel.County, null, cities[c].lat, cities[c].lon,
                AreaType.Urban, []));
        for (var i = list.Count; i < posts; i++)
        {
            var c = rng.Next(counties);
            var (lat, lon) = Offset(rng, cities[c], sigmaKm: 25);
            list.Add(new PolicePost($"S{i:000000}", $"station {i}", PostLevel.Station, $"C{c:00000}", lat, lon,
                (AreaType)(i % 3), [(100000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture)]));
        }
        Posts = list;
        Points = list.Select(p => (p.Lat, p.Lon)).ToList();

        Queries = new (double, double)[queries];
        for (var q = 0; q < queries; q++)
        {
            if (rng.NextDouble() < anywhereShare)
                Queries[q] = (20 + 25 * rng.NextDouble(), 75 + 55 * rng.NextDouble());
            else
                Queries[q] = Offset(rng, Points[rng.Next(Points.Count)], sigmaKm: 8);
        }
        Offshore = OffshorePoints(rng, 64);
    }

    static (double Lat, double Lon)[] OffshorePoints(Random rng, int n) =>
        Enumerable.Range(0, n).Select(_ => (-40 + 10 * rng.NextDouble(), -120 + 10 * rng.NextDouble()))
            .ToArray(); // mid-Pacific

    static (double Lat, double Lon) Offset(Random rng, (double Lat, double Lon) centre, double sigmaKm)
    {
        // Box–Muller: normally distributed offsets in km, converted to degrees.
        double Gauss() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        var dLat = Gauss() * sigmaKm / 111.2;
        var dLon = Gauss() * sigmaKm / (111.2 * Math.Cos(centre.Lat * Math.PI / 180));
        return (Math.Clamp(centre.Lat + dLat, -89.9, 89.9), centre.Lon + dLon);
    }
}
