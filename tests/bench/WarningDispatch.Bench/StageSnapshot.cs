using System.Globalization;
using System.Text;

namespace WarningDispatch.Bench;

/// <summary>
/// The service's own per-stage histogram (<c>dispatch.stage.duration</c>, ms, tags <c>stage</c> and <c>part</c>) as
/// scraped from its Prometheus endpoint: cumulative bucket counts, sum and count per (stage, part). The family is
/// matched by prefix so that the exporter's unit suffix does not matter; series that differ only in other labels
/// (e.g. <c>otel_scope_*</c>) and the series of several instances are added together.
/// </summary>
sealed class StageSnapshot
{
    const string Family = "dispatch_stage_duration";

    public sealed class Histogram
    {
        /// <summary>Upper bound (le) → cumulative count.</summary>
        public SortedDictionary<double, double> Buckets { get; } = [];
        public double Sum { get; set; }
        public double Count { get; set; }
    }

    public Dictionary<(string Stage, string Part), Histogram> Series { get; } = [];
    /// <summary>The runtime's GC counters (<see cref="GcCounters"/>; collections per generation), summed.</summary>
    public Dictionary<string, double> Gc { get; } = [];
    static readonly string[] GcCounters =
        ["dotnet_gc_collections_total", "dotnet_gc_pause_time_seconds_total", "dotnet_gc_heap_total_allocated_bytes"];
    /// <summary>Stages in the order they first appear in the scrape.</summary>
    public List<string> Stages { get; } = [];

    public bool IsEmpty => Series.Count == 0;

    public static async Task<StageSnapshot> ScrapeAsync(Uri service)
    {
        using var http = new HttpClient { BaseAddress = service, Timeout = TimeSpan.FromSeconds(10) };
        return Parse(await http.GetStringAsync("/metrics"));
    }

    public static StageSnapshot Parse(string text)
    {
        var snapshot = new StageSnapshot();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            var gc = GcCounters.FirstOrDefault(c => line.StartsWith(c, StringComparison.Ordinal));
            if (gc is null && !line.StartsWith(Family, StringComparison.Ordinal)) continue;
            var brace = line.IndexOf('{');
            var close = line.LastIndexOf('}');
            if (brace < 0 || close < brace) continue;
            var name = line[..brace];
            var labels = Labels(line[(brace + 1)..close]);
            var value = line[(close + 1)..].Trim().Split(' ')[0];
            if (gc is not null)
            {
                var key = labels.TryGetValue("gc_heap_generation", out var generation) ? $"{gc}:{generation}" : gc;
                snapshot.Gc[key] = snapshot.Gc.GetValueOrDefault(key) + ParseNumber(value);
                continue;
            }
            if (!labels.TryGetValue("stage", out var stage) || !labels.TryGetValue("part", out var part)) continue;
            var v = ParseNumber(value);
            if (!snapshot.Stages.Contains(stage)) snapshot.Stages.Add(stage);
            var series = snapshot.Get(stage, part);
            if (name.EndsWith("_bucket", StringComparison.Ordinal) && labels.TryGetValue("le", out var le))
                series.Buckets[ParseNumber(le)] = series.Buckets.GetValueOrDefault(ParseNumber(le)) + v;
            else if (name.EndsWith("_sum", StringComparison.Ordinal)) series.Sum += v;
            else if (name.EndsWith("_count", StringComparison.Ordinal)) series.Count += v;
        }
        return snapshot;
    }

    /// <summary>The series of several processes (instances of the service) added together.</summary>
    public static StageSnapshot Merge(IEnumerable<StageSnapshot> snapshots)
    {
        var merged = new StageSnapshot();
        foreach (var s in snapshots) merged.Add(s, 1);
        return merged;
    }

    /// <summary>What was observed between two scrapes of the same processes.</summary>
    public StageSnapshot Minus(StageSnapshot before)
    {
        var diff = new StageSnapshot();
        diff.Add(this, 1);
        diff.Add(before, -1);
        return diff;
    }

    void Add(StageSnapshot other, int sign)
    {
        foreach (var stage in other.Stages.Where(s => !Stages.Contains(s))) Stages.Add(stage);
        foreach (var (key, value) in other.Gc) Gc[key] = Gc.GetValueOrDefault(key) + sign * value;
        foreach (var ((stage, part), s) in other.Series)
        {
            var mine = Get(stage, part);
            mine.Sum += sign * s.Sum;
            mine.Count += sign * s.Count;
            foreach (var (le, c) in s.Buckets) mine.Buckets[le] = mine.Buckets.GetValueOrDefault(le) + sign * c;
        }
    }

    Histogram Get(string stage, string part)
    {
        if (!Series.TryGetValue((stage, part), out var series)) Series[(stage, part)] = series = new Histogram();
        return series;
    }

    /// <summary>
    /// The q-quantile (0..1) by linear interpolation inside the bucket that holds it (lower bound 0 for the first
    /// bucket); in the +Inf bucket, the highest finite bound.
    /// </summary>
    public static double Quantile(Histogram s, double q)
    {
        if (s.Count <= 0) return double.NaN;
        var target = q * s.Count;
        double lower = 0, below = 0;
        foreach (var (le, cumulative) in s.Buckets)
        {
            if (cumulative >= target && cumulative > below)
            {
                if (double.IsPositiveInfinity(le)) return lower;
                return lower + (le - lower) * (target - below) / (cumulative - below);
            }
            lower = le;
            below = cumulative;
        }
        return lower;
    }

    static Dictionary<string, string> Labels(string text)
    {
        // name="value",name="value" with \" \\ \n escapes inside values.
        var labels = new Dictionary<string, string>();
        var i = 0;
        while (i < text.Length)
        {
            var eq = text.IndexOf('=', i);
            if (eq < 0) break;
            var key = text[i..eq].Trim().TrimStart(',').Trim();
            var j = eq + 2;
            var value = new StringBuilder();
            for (; j < text.Length && text[j] != '"'; j++)
            {
                if (text[j] == '\\' && j + 1 < text.Length) value.Append(text[++j] == 'n' ? '\n' : text[j]);
                else value.Append(text[j]);
            }
            labels[key] = value.ToString();
            i = j + 1;
        }
        return labels;
    }

    static double ParseNumber(string s) => s switch
    {
        "+Inf" or "Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        _ => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture),
    };
}
