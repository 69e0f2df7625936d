namespace WarningDispatch.Domain.Routing;

/// <summary>
/// Nearest-neighbour search over posts: a static k-d tree on 3-D unit vectors. The straight-line (chord)
/// distance between unit vectors grows monotonically with the great-circle distance, so the tree answers
/// exact great-circle nearest queries without any latitude fudging, anywhere on the globe.
/// A lookup visits O(log n) nodes when posts near the point pass the filter.
/// </summary>
public sealed class NearestPostIndex
{
    readonly double[] _x, _y, _z;
    readonly int[] _item;
    readonly byte[] _axis;

    /// <param name="points">Latitude and longitude of each item; the index returns positions in this list.</param>
    public NearestPostIndex(IReadOnlyList<(double Lat, double Lon)> points)
    {
        var n = points.Count;
        _x = new double[n]; _y = new double[n]; _z = new double[n]; _item = new int[n]; _axis = new byte[n];
        var order = new int[n];
        var vx = new double[n]; var vy = new double[n]; var vz = new double[n];
        for (var i = 0; i < n; i++)
        {
            (vx[i], vy[i], vz[i]) = ToUnit(points[i].Lat, points[i].Lon);
            order[i] = i;
        }
        Build(order, 0, n, vx, vy, vz);
        for (var i = 0; i < n; i++)
        {
            var k = order[i];
            _x[i] = vx[k]; _y[i] = vy[k]; _z[i] = vz[k]; _item[i] = k;
        }
    }

    public int Count => _item.Length;

    /// <summary>The nearest item within <paramref name="maxKm"/> that <paramref name="accept"/> allows, or
    /// -1.</summary>
    public int FindNearest(double lat, double lon, double maxKm, Func<int, bool> accept, out double distanceKm)
    {
        var (qx, qy, qz) = ToUnit(lat, lon);
        var angle = Math.Min(Math.PI, maxKm / GeoMath.EarthRadiusKm);
        var limit = 2 * Math.Sin(angle / 2);
        var search = new Search(qx, qy, qz, limit * limit + 1e-12, accept);
        Visit(ref search, 0, _item.Length);
        if (search.Best < 0) { distanceKm = double.NaN; return -1; }
        var chord = Math.Sqrt(search.BestD2);
        distanceKm = 2 * Math.Asin(Math.Min(1, chord / 2)) * GeoMath.EarthRadiusKm;
        return search.Best;
    }

    /// <summary>Reference implementation for tests and benchmarks: every item, one by one.</summary>
    public static int FindNearestByScan(IReadOnlyList<(double Lat, double Lon)> points, double lat, double lon,
        double maxKm, Func<int, bool> accept, out double distanceKm)
    {
        var best = -1; distanceKm = double.NaN; var bestKm = maxKm;
        for (var i = 0; i < points.Count; i++)
        {
            var km = GeoMath.DistanceKm(lat, lon, points[i].Lat, points[i].Lon);
            if (km <= bestKm && accept(i) && (best < 0 || km < bestKm)) { best = i; bestKm = km; distanceKm = km; }
        }
        return best;
    }

    struct Search(double x, double y, double z, double bestD2, Func<int, bool> accept)
    {
        public readonly double X = x, Y = y, Z = z;
        public double BestD2 = bestD2;
        public int Best = -1;
        public readonly Func<int, bool> Accept = accept;
    }

    void Visit(ref Search s, int lo, int hi)
    {
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            double dx = _x[mid] - s.X, dy = _y[mid] - s.Y, dz = _z[mid] - s.Z;
            var d2 = dx * dx + dy * dy + dz * dz;
            if (d2 <= s.BestD2 && (s.Best < 0 || d2 < s.BestD2) && s.Accept(_item[mid]))
            {
                s.BestD2 = d2; s.Best = _item[mid];
            }
            var diff = _axis[mid] switch { 0 => s.X - _x[mid], 1 => s.Y - _y[mid], _ => s.Z - _z[mid] };
            int nearLo, nearHi, farLo, farHi;
            if (diff < 0) { nearLo = lo; nearHi = mid; farLo = mid + 1; farHi = hi; }
            else { nearLo = mid + 1; nearHi = hi; farLo = lo; farHi = mid; }
            Visit(ref s, nearLo, nearHi);
            if (diff * diff > s.BestD2) return;
            lo = farLo; hi = farHi;
        }
    }

    void Build(int[] order, int lo, int hi, double[] vx, double[] vy, double[] vz)
    {
        if (hi - lo <= 0) return;
        var axis = WidestAxis(order, lo, hi, vx, vy, vz);
        var coords = axis switch { 0 => vx, 1 => vy, _ => vz };
        Array.Sort(order, lo, hi - lo, Comparer<int>.Create((a, b) => coords[a].CompareTo(coords[b])));
        var mid = (lo + hi) >>> 1;
        _axis[mid] = (byte)axis;
        Build(order, lo, mid, vx, vy, vz);
        Build(order, mid + 1, hi, vx, vy, vz);
    }

    static int WidestAxis(int[] order, int lo, int hi, double[] vx, double[] vy, double[] vz)
    {
        double minX = double.MaxValue, minY = double.MaxValue, minZ = double.MaxValue;
        double maxX = double.MinValue, maxY = double.MinValue, maxZ = double.MinValue;
        for (var i = lo; i < hi; i++)
        {
            var k = order[i];
            minX = Math.Min(minX, vx[k]); maxX = Math.Max(maxX, vx[k]);
            minY = Math.Min(minY, vy[k]); maxY = Math.Max(maxY, vy[k]);
            minZ = Math.Min(minZ, vz[k]); maxZ = Math.Max(maxZ, vz[k]);
        }
        double sx = maxX - minX, sy = maxY - minY, sz = maxZ - minZ;
        return sx >= sy && sx >= sz ? 0 : sy >= sz ? 1 : 2;
    }

    static (double X, double Y, double Z) ToUnit(double lat, double lon)
    {
        var φ = GeoMath.ToRadians(lat); var λ = GeoMath.ToRadians(lon);
        var c = Math.Cos(φ);
        return (c * Math.Cos(λ), c * Math.Sin(λ), Math.Sin(φ));
    }
}
