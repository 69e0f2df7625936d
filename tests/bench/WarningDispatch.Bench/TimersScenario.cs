using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using static WarningDispatch.Bench.BenchContext;

namespace WarningDispatch.Bench;

/// <summary>
/// 5. Timers: 100,000 tasks whose acknowledgement deadlines all fall within one 60-second window, pending in Redis,
/// then the window: lateness of each firing (the AckMissed history entry's time minus the plan's first acknowledgement
/// deadline, as TimerAndScaleTests computes it), and Redis memory with the timers pending. The region is the
/// benchmark region (five officers per station), so a missed acknowledgement reassigns to a colleague with a fresh
/// window: each task's first timer fires exactly once inside the scenario.
/// </summary>
static class TimersScenario
{
    public static async Task<object> RunAsync(BenchContext ctx)
    {
        var o = ctx.Options;
        var region = ctx.Region;
        var count = o.Timers;
        var window = TimeSpan.FromSeconds(o.TimerWindowSeconds);
        var ack = TimeSpan.FromMinutes(20);
        // Time to ingest everything before the first deadline: from the last throughput run if there was one.
        var lead = TimeSpan.FromSeconds(Math.Clamp(
            ctx.LastDrainSeconds is { } d ? d * count / o.Backlog * 1.4 + 30 : count / 600.0 + 30, 45, 600));

        await using var redis = new PrivateRedis { SyncTimeoutMs = 30_000 };
        await redis.StartAsync();
        var uri = ctx.Rabbit.Uri(await ctx.Rabbit.NewVirtualHostAsync("tim"));
        var settings = new Dictionary<string, string>
        {
            ["Escalation:AckHigh"] = ack.ToString("c"), ["Escalation:AckMedium"] = ack.ToString("c"),
            ["Escalation:AckLow"] = ack.ToString("c"),
        };
        await using var service = new AppProcess("timers-service", ctx.ServiceDll,
            ctx.ServiceEnv(uri, redis.Configuration, settings), ctx.LogDir);
        await service.StartAsync();
        await service.StopAsync();
        var memoryEmpty = await UsedMemoryAsync(redis);

        // Deadlines: first at T0, spread evenly over the window.
        // issuedAt = deadline − ack window (in the past: allowed).
        var publishBudget = TimeSpan.FromSeconds(Math.Max(10, count / 4000.0));
        var t0 = DateTimeOffset.UtcNow + publishBudget + lead;
        var step = window / count;
        await using var publisher = new AmqpPublisher(uri);
        await using var upstream = await UpstreamFeedback.StartAsync(uri);
        Say($"timers: publishing {count:N0} instructions, deadlines from {t0:HH:mm:ss} over {window.TotalSeconds:0} s"
            + $" (lead {lead.TotalSeconds:0} s)");
        var published = await publisher.RunAsync("warning-instructions", count, 0,
            seq => (Instructions.Make(Instructions.Id(60, seq), t0 + step * seq - ack,
                region.Stations[(seq * 31) % region.Stations.Count], seq, riskLevel: "Low"), null));
        Say($"timers: published in {published.Seconds:0.0} s; starting the service");

        service.Launch();
        await using var sampler = new ProcessSampler(service.Pid, TimeSpan.FromMilliseconds(250));
        await using var redisSampler = new ProcessSampler(redis.Pid, TimeSpan.FromMilliseconds(250));
        await service.WaitReadyAsync();
        var ingested = await WaitUntilAsync(() => redis.Db.SetLength("wd:tasks:all") >= count, TimeSpan.FromMinutes(9),
            pollMs: 250);
        var ingestedAt = DateTimeOffset.UtcNow;
        var pending = await redis.Db.SortedSetLengthAsync("wd:timers");
        var memoryPending = await UsedMemoryAsync(redis);
        var timerKeys = (await redis.MemoryUsageAsync("wd:timers") ?? 0)
            + (await redis.MemoryUsageAsync("wd:timers:due") ?? 0);
        Say($"timers: {count:N0} tasks stored at {ingestedAt:HH:mm:ss}"
            + $" ({(t0 - ingestedAt).TotalSeconds:0} s before the first deadline); {pending:N0} timers pending;"
            + $" Redis {memoryPending / 1048576.0:0} MB");

        var windowStart = Stopwatch.GetTimestamp()
            + (long)((t0 - DateTimeOffset.UtcNow).TotalSeconds * Stopwatch.Frequency);
        var lastDueMs = (t0 + window).ToUnixTimeMilliseconds();
        var fired = await WaitUntilAsync(() =>
            DateTimeOffset.UtcNow > t0 + window &&
            redis.Db.SortedSetLength("wd:timers", double.NegativeInfinity, lastDueMs) == 0 &&
            redis.Db.SortedSetLength("wd:timers:inflight") == 0,
            (t0 + window - DateTimeOffset.UtcNow) + TimeSpan.FromMinutes(6), pollMs: 250);
        var windowEnd = Stopwatch.GetTimestamp();
        Say($"timers: all due timers handled {(DateTimeOffset.UtcNow - (t0 + window)).TotalSeconds:0.0} s"
            + $" after the window closed; reading {count:N0} tasks");
        var memoryAfter = await UsedMemoryAsync(redis);

        var lateness = new List<double>(count);
        var firings = new int[4];
        var ids = await redis.Db.SetMembersAsync("wd:tasks:all");
        foreach (var chunk in ids.Chunk(1000))
        {
            var batch = redis.Db.CreateBatch();
            var reads = chunk.Select(id => batch.HashGetAsync($"wd:{{{id}}}:task", "j")).ToList();
            batch.Execute();
            foreach (var json in await Task.WhenAll(reads))
            {
                using var doc = JsonDocument.Parse((string)json!);
                var plan = doc.RootElement.GetProperty("plan");
                var deadline = plan.GetProperty("issuedAt").GetDateTimeOffset()
                    + TimeSpan.Parse(plan.GetProperty("ackWindow").GetString()!, CultureInfo.InvariantCulture);
                var missed = doc.RootElement.GetProperty("history").EnumerateArray()
                    .Where(h => h.GetProperty("action").GetString() == "AckMissed").ToList();
                firings[Math.Min(3, missed.Count)]++;
                if (missed.Count > 0)
                    lateness.Add((missed[0].GetProperty("at").GetDateTimeOffset() - deadline).TotalMilliseconds);
            }
        }
        var dist = Distribution.Of(lateness);
        var (cores, peakRss, _) = sampler.Between(windowStart, windowEnd);
        Say($"timers: lateness p50 {dist.P50:0} ms, p99 {dist.P99:0} ms, max {dist.Max:0} ms;"
            + $" fired once {firings[1]:N0}, never {firings[0]:N0}, twice+ {firings[2] + firings[3]:N0}");
        return new Dictionary<string, object>
        {
            ["timers"] = count,
            ["windowSeconds"] = window.TotalSeconds,
            ["ackWindow"] = ack.ToString("c"),
            ["leadSeconds"] = lead.TotalSeconds,
            ["ingestedBeforeFirstDeadline"] = ingested && ingestedAt < t0,
            ["secondsSpareBeforeFirstDeadline"] = (t0 - ingestedAt).TotalSeconds,
            ["allFiredWithinWait"] = fired,
            ["pendingAtWindowStart"] = pending,
            ["latenessMs"] = dist,
            ["firedOnce"] = firings[1],
            ["neverFired"] = firings[0],
            ["firedMoreThanOnce"] = firings[2] + firings[3],
            ["firingsPerSecond"] = firings[1] / Math.Max(window.TotalSeconds, Ms(windowStart, windowEnd) / 1000),
            ["redis"] = new
            {
                usedMemoryEmptyMb = memoryEmpty / 1048576.0,
                usedMemoryWithTimersPendingMb = memoryPending / 1048576.0,
                bytesPerTaskWithTimer = (memoryPending - memoryEmpty) / (double)count,
                timerKeysBytes = timerKeys,
                timerBytesPerTimer = timerKeys / (double)Math.Max(1, pending),
                usedMemoryAfterMb = memoryAfter / 1048576.0,
                cpuCores = redisSampler.Between(windowStart, windowEnd).Cores,
            },
            ["service"] = new { cpuCores = cores, peakRssMb = peakRss / 1024.0 },
        };
    }

    static async Task<long> UsedMemoryAsync(PrivateRedis redis) =>
        long.Parse((await redis.InfoAsync("memory"))["used_memory"], CultureInfo.InvariantCulture);
}
