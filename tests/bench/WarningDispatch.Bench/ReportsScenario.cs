using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using StackExchange.Redis;
using WarningDispatch.Contracts;
using WarningDispatch.Domain.Ingest;
using WarningDispatch.Domain.Reports;
using static WarningDispatch.Bench.BenchContext;

namespace WarningDispatch.Bench;

/// <summary>
/// 7. Reports: 100,000 tasks' report facts spread over the 100 local days up to today (1,000 a day), written as the
/// commit script writes them (one hash per day, <c>wd:ix:report:YYYY-MM-DD</c>, task id → the fact's JSON, made by
/// the domain's own <see cref="ReportFact"/> type), then <c>GET /api/reports/summary</c> for the whole region over
/// 1, 30 and 100 days: p50 over several runs, in ms, as a duty officer's browser would ask.
/// </summary>
static class ReportsScenario
{
    const int Tasks = 100_000, Days = 100, Runs = 15, Warmup = 3;
    static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static async Task<object> RunAsync(BenchContext ctx)
    {
        await using var redis = new PrivateRedis { SyncTimeoutMs = 30_000 };
        await redis.StartAsync();
        var uri = ctx.Rabbit.Uri(await ctx.Rabbit.NewVirtualHostAsync("rep"));
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Shanghai).DateTime);

        var written = Stopwatch.GetTimestamp();
        var rng = new Random(7);
        var perDay = Tasks / Days;
        for (var d = 0; d < Days; d++)
        {
            var day = today.AddDays(-d);
            var entries = Enumerable.Range(0, perDay)
                .Select(i => Fact(ctx.Region, day, $"T{d:000}{i:0000}", rng))
                .Select(f => new HashEntry(f.TaskId, JsonSerializer.Serialize(f, WireFormat.Stored))).ToArray();
            await redis.Db.HashSetAsync($"wd:ix:report:{day:yyyy-MM-dd}", entries);
        }
        var writeSeconds = Stopwatch.GetElapsedTime(written).TotalSeconds;
        var memory = (await redis.InfoAsync("memory"))["used_memory"];
        var memoryMb = long.Parse(memory, CultureInfo.InvariantCulture) / 1048576.0;
        Say($"reports: {Tasks:N0} facts over {Days} days written in {writeSeconds:0.0} s; Redis {memoryMb:0} MB");

        await using var service = new AppProcess("reports-service", ctx.ServiceDll,
            ctx.ServiceEnv(uri, redis.Configuration), ctx.LogDir);
        await service.StartAsync();
        var user = ctx.Region.BoardUsers[0];
        var token = (await LoginAsync(service.BaseAddress, [user]))[user];
        using var http = new HttpClient { BaseAddress = service.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var results = new Dictionary<string, object>();
        foreach (var days in new[] { 1, 30, 100 })
        {
            var query = $"/api/reports/summary?from={today.AddDays(1 - days):yyyy-MM-dd}&to={today:yyyy-MM-dd}";
            var times = new List<double>();
            var received = 0;
            for (var run = 0; run < Warmup + Runs; run++)
            {
                var started = Stopwatch.GetTimestamp();
                var summary = await http.GetFromJsonAsync<JsonElement>(query);
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                received = summary.GetProperty("received").GetInt32();
                if (run >= Warmup) times.Add(ms);
            }
            times.Sort();
            results[$"days{days}"] = new
            {
                days, received, runs = Runs, p50Ms = times[times.Count / 2], minMs = times[0], maxMs = times[^1],
            };
            Say($"reports: {days} day(s), {received:N0} tasks: p50 {times[times.Count / 2]:0.0} ms " +
                $"(min {times[0]:0.0}, max {times[^1]:0.0})");
        }
        return new { tasks = Tasks, days = Days, writeSeconds, redisUsedMemoryMb = memoryMb, summary = results };
    }

    /// <summary>A plausible fact at a random station: every figure of the summary has something to count.</summary>
    static ReportFact Fact(BenchRegion region, DateOnly day, string taskId, Random rng)
    {
        var s = rng.Next(region.Stations.Count);
        var issued = new DateTimeOffset(day.ToDateTime(new TimeOnly(0, 0)), TimeSpan.FromHours(8))
            .AddSeconds(rng.Next(86_000));
        var visit = rng.NextDouble() < 0.3;
        var onScene = visit && rng.NextDouble() < 0.9 ? rng.Next(600, 9000) : (double?)null;
        var outcome = rng.NextDouble() < 0.9 ? (TaskOutcome)rng.Next(5) : (TaskOutcome?)null;
        return new ReportFact
        {
            TaskId = taskId, Day = day, IssuedAt = issued,
            Source = (InstructionSource)rng.Next(5), Kind = (InstructionKind)rng.Next(5),
            RiskLevel = (RiskLevel)rng.Next(3),
            PostId = region.Stations[s].PostId, AreaIds = [$"K{s % 10 + 1:00}", BenchRegion.Root],
            AreaType = (AreaType)(s % 3),
            AckSeconds = rng.Next(10, 600), FirstContactSeconds = rng.Next(30, 900), OnSceneSeconds = onScene,
            HomeVisitRequired = visit, OnSceneInTime = onScene < 7200, Breached = visit && onScene is null or > 7200,
            Outcome = outcome,
            AmountProtected = outcome == TaskOutcome.FundsProtected ? rng.Next(1000, 100_000) : 0,
            AmountLost = outcome == TaskOutcome.AlreadyDefrauded ? rng.Next(1000, 100_000) : 0,
            DefraudedAfterWarning = rng.NextDouble() < 0.001,
        };
    }
}
