namespace WarningDispatch.Bench;

/// <summary>
/// Where a task's time went inside the service, from its own instrumentation: per stage of the hot path, the time our
/// code burned on a core (<c>work</c>) and the wall time it spent otherwise (<c>wait</c>: I/O round trips, queues,
/// waiting for a core), between two scrapes of <c>/metrics</c>.
/// </summary>
static class StageBreakdown
{
    public const string Absent = "no stage metrics in this build";
    static readonly string[] Order = ["receive", "validate", "case", "route", "commit", "push", "ack"];

    /// <summary>Scrapes every instance; null when a scrape fails (an older build may lack /metrics).</summary>
    public static async Task<StageSnapshot?> ScrapeAsync(IEnumerable<Uri> services)
    {
        try { return StageSnapshot.Merge(await Task.WhenAll(services.Select(StageSnapshot.ScrapeAsync))); }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or FormatException)
        {
            return null;
        }
    }

    /// <param name="tasks">Tasks handled between the scrapes, for the GC's bytes allocated per task.</param>
    public static Dictionary<string, object> Between(StageSnapshot? before, StageSnapshot? after, int tasks)
    {
        if (after is null || after.IsEmpty) return new() { ["available"] = false, ["note"] = Absent };
        var diff = after.Minus(before ?? new StageSnapshot());
        var stages = Order.Where(diff.Stages.Contains).Concat(diff.Stages.Where(s => !Order.Contains(s))).ToList();
        var rows = stages.Select(stage => new Dictionary<string, object>
        {
            ["stage"] = stage,
            ["work"] = Figures(diff, stage, "work"),
            ["wait"] = Figures(diff, stage, "wait"),
        }).ToList();
        double MeanOf(string part) => rows.Sum(r => ((Dictionary<string, double>)r[part])["meanMs"] is var m
            && double.IsFinite(m) ? m : 0);
        return new()
        {
            ["available"] = true,
            ["stages"] = rows,
            ["total"] = new Dictionary<string, double>
            {
                ["workMeanMs"] = MeanOf("work"), ["waitMeanMs"] = MeanOf("wait"),
                ["meanMs"] = MeanOf("work") + MeanOf("wait"),
            },
            ["gc"] = Gc(diff, tasks),
        };
    }

    /// <summary>
    /// Garbage collections between the scrapes: every managed thread stops for a pause, so pauses are waits of every
    /// task in flight.
    /// </summary>
    static Dictionary<string, double> Gc(StageSnapshot diff, int tasks)
    {
        double Of(string key) => diff.Gc.GetValueOrDefault(key);
        var collections = Of("dotnet_gc_collections_total:gen0") + Of("dotnet_gc_collections_total:gen1")
                          + Of("dotnet_gc_collections_total:gen2");
        var pauseMs = Of("dotnet_gc_pause_time_seconds_total") * 1000;
        return new()
        {
            ["collections"] = collections,
            ["gen1"] = Of("dotnet_gc_collections_total:gen1"),
            ["gen2"] = Of("dotnet_gc_collections_total:gen2"),
            ["pauseMs"] = pauseMs,
            ["meanPauseMs"] = collections > 0 ? pauseMs / collections : double.NaN,
            ["allocatedKbPerTask"] = Of("dotnet_gc_heap_total_allocated_bytes") / 1024 / Math.Max(1, tasks),
        };
    }

    static Dictionary<string, double> Figures(StageSnapshot diff, string stage, string part)
    {
        if (!diff.Series.TryGetValue((stage, part), out var h) || h.Count <= 0)
            return new() { ["count"] = 0, ["meanMs"] = double.NaN, ["p50Ms"] = double.NaN, ["p99Ms"] = double.NaN };
        return new()
        {
            ["count"] = h.Count,
            ["meanMs"] = h.Sum / h.Count,
            ["p50Ms"] = StageSnapshot.Quantile(h, 0.50),
            ["p99Ms"] = StageSnapshot.Quantile(h, 0.99),
        };
    }

    /// <summary>The rows under a latency or drain figure in the console table.</summary>
    public static IEnumerable<string> Lines(System.Text.Json.Nodes.JsonNode? stages, string indent)
    {
        if (stages is null) yield break;
        if (stages["available"]?.GetValue<bool>() != true)
        {
            yield return indent + Absent;
            yield break;
        }
        yield return indent + $"{"stage (service /metrics)",-24} | {"work: n",9} {"mean",7} {"p50",7} {"p99",7}"
                              + $" | {"wait: n",9} {"mean",7} {"p50",7} {"p99",7}  ms";
        foreach (var row in stages["stages"]!.AsArray())
            yield return indent + $"{row!["stage"],-24} | {Cells(row["work"]!)} | {Cells(row["wait"]!)}";
        var t = stages["total"]!;
        yield return indent + $"{"total (sum of means)",-24} | {"",9} {Report.N(t["workMeanMs"], "0.000"),7} {"",15}"
                              + $" | {"",9} {Report.N(t["waitMeanMs"], "0.000"),7} {"",15}"
                              + $"  = {Report.N(t["meanMs"], "0.000")} ms";
        if (stages["gc"] is { } gc)
            yield return indent + $"{"GC (all threads stop)",-24} | {Report.N(gc["collections"], "0")} collections"
                                  + $" ({Report.N(gc["gen1"], "0")} gen1, {Report.N(gc["gen2"], "0")} gen2), paused"
                                  + $" {Report.N(gc["pauseMs"], "0")} ms in all, {Report.N(gc["meanPauseMs"], "0.0")}"
                                  + $" ms each; {Report.N(gc["allocatedKbPerTask"], "0.0")} KB allocated per task";
    }

    static string Cells(System.Text.Json.Nodes.JsonNode f) => Report.N(f["count"], "0") == "0"
        ? $"{0,9} {"–",7} {"–",7} {"–",7}"
        : $"{Report.N(f["count"], "0"),9} {Report.N(f["meanMs"], "0.000"),7} {Report.N(f["p50Ms"], "0.000"),7}"
          + $" {Report.N(f["p99Ms"], "0.000"),7}";
}
