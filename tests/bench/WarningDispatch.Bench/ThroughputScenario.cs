using System.Diagnostics;
using static WarningDispatch.Bench.BenchContext;

namespace WarningDispatch.Bench;

/// <summary>
/// 3. Throughput: a backlog of instructions already waiting in the queue (published while the service was stopped),
/// then the service starts and drains it: validated, deduplicated, routed, stored, timers scheduled, pushed to the
/// consoles. Tasks per second end to end, with the service's CPU and memory from /proc.
/// </summary>
static class ThroughputScenario
{
    public static async Task<object> RunAsync(BenchContext ctx)
    {
        var o = ctx.Options;
        var region = ctx.Region;
        var count = o.Backlog;
        await using var redis = new PrivateRedis { SyncTimeoutMs = 30_000 };
        await redis.StartAsync();
        var uri = ctx.Rabbit.Uri(await ctx.Rabbit.NewVirtualHostAsync("thr"));
        await using var service = new AppProcess("throughput-service", ctx.ServiceDll,
            ctx.ServiceEnv(uri, redis.Configuration, QuietTimers), ctx.LogDir);
        // First start declares the topology (the durable queue bound to warning-instructions); then stop it. The
        // consoles sign in now, as a shift's consoles are signed in before a backlog builds up: 1,020 password checks
        // (PBKDF2, 100,000 rounds each) are not part of draining tasks, and inside the drain they took the service's
        // first 30-40 s on a 2-core machine (~150 tasks/s instead of ~700). Tokens outlive the restart (the
        // data-protection keys are in Redis).
        await service.StartAsync();
        var consoleUsers = o.ThroughputConsoles
            ? region.OfficerUsers.Concat(region.BoardUsers).ToList()
            : region.BoardUsers.Take(1).ToList();
        var signInStarted = Stopwatch.GetTimestamp();
        var tokens = await LoginAsync(service.BaseAddress, consoleUsers);
        var signInSeconds = Ms(signInStarted, Stopwatch.GetTimestamp()) / 1000;
        Say($"throughput: {tokens.Count} consoles signed in in {signInSeconds:0.0} s");
        await service.StopAsync();

        await using var publisher = new AmqpPublisher(uri);
        await using var upstream = await UpstreamFeedback.StartAsync(uri);
        Say($"throughput: publishing a backlog of {count:N0} instructions with the service stopped");
        var published = await publisher.RunAsync("warning-instructions", count, 0,
            seq => (Instructions.Make(Instructions.Id(50, seq), DateTimeOffset.UtcNow,
                region.Stations[(seq * 31) % region.Stations.Count], seq), null));
        var depth = await publisher.QueueDepthAsync("warning-dispatch.instructions");
        Say($"throughput: published in {published.Seconds:0.0} s ({published.Rate:0}/s); queue depth {depth:N0}");

        var recorder = new PhaseRecorder(count, region.BoardUsers.Count);
        await using var fleet = new ConsoleFleet
        {
            OnTask = (console, id, at) =>
            {
                if (Instructions.TryParseId(id, out var phase, out var seq) && phase == 50)
                    recorder.Arrived(console, seq, at);
            },
        };
        var samples = new List<(long At, long Created, long Outbox)>();
        var launched = Stopwatch.GetTimestamp();
        service.Launch();
        await using var sampler = new ProcessSampler(service.Pid, TimeSpan.FromMilliseconds(200));
        await using var redisSampler = new ProcessSampler(redis.Pid, TimeSpan.FromMilliseconds(200));
        await using var rabbitSampler = new ProcessSampler(ctx.Rabbit.Pid, TimeSpan.FromMilliseconds(200));
        await using var selfSampler = new ProcessSampler(Environment.ProcessId, TimeSpan.FromMilliseconds(200));
        using var stopMonitor = new CancellationTokenSource();
        var monitor = Task.Run(async () =>
        {
            while (!stopMonitor.IsCancellationRequested)
            {
                try
                {
                    var created = redis.Db.SetLengthAsync("wd:tasks:all");
                    var outbox = redis.Db.ListLengthAsync("wd:outbox");
                    var at = Stopwatch.GetTimestamp();
                    var sample = (at, await created, await outbox);
                    lock (samples) samples.Add(sample);
                }
                catch (Exception) { }
                await Task.Delay(100);
            }
        });
        await service.WaitReadyAsync();
        var ready = Stopwatch.GetTimestamp();
        double connectSeconds = 0;
        if (o.ThroughputConsoles)
            connectSeconds = await fleet.ConnectAsync(region.OfficerUsers
                .Select((u, i) => (ConsoleRole.Officer, i, ServiceHub(service.BaseAddress, tokens[u])))
                .Concat(region.BoardUsers
                    .Select((u, i) => (ConsoleRole.Board, i, ServiceHub(service.BaseAddress, tokens[u]))))
                .ToList());
        else
            connectSeconds = await fleet.ConnectAsync(
                [(ConsoleRole.Board, 0, ServiceHub(service.BaseAddress, tokens.Values.First()))]);
        var consolesUp = Stopwatch.GetTimestamp();
        Say($"throughput: service ready {Ms(launched, ready) / 1000:0.0} s after launch; "
            + $"{fleet.OpenCount} consoles connected in {connectSeconds:0.0} s");

        (long At, long Created, long Outbox) Last() { lock (samples) return samples.Count > 0 ? samples[^1] : default; }
        var lastProgress = Stopwatch.GetTimestamp();
        long lastCreated = -1;
        var finished = await WaitUntilAsync(() =>
        {
            var s = Last();
            if (s.Created != lastCreated)
            {
                lastCreated = s.Created;
                lastProgress = Stopwatch.GetTimestamp();
                Progress(s.Created, count);
            }
            var lastSeen = recorder.LastArrival == 0 ? lastProgress : Math.Max(recorder.LastArrival, lastProgress);
            var quiet = Ms(lastSeen, Stopwatch.GetTimestamp()) > 2000;
            return s.Created >= count && s.Outbox == 0 && quiet;
        }, TimeSpan.FromMinutes(8), pollMs: 200);
        await stopMonitor.CancelAsync();
        await monitor;

        List<(long At, long Created, long Outbox)> all;
        lock (samples) all = [.. samples];
        var firstTask = all.FirstOrDefault(s => s.Created > 0).At;
        var allCreated = all.FirstOrDefault(s => s.Created >= count).At;
        var lastBusy = all.LastOrDefault(s => s.Outbox > 0).At;
        var outboxEmpty = lastBusy == 0 ? allCreated
            : all.FirstOrDefault(s => s.At > lastBusy).At is var e and > 0 ? e : Stopwatch.GetTimestamp();
        var pushed = Math.Max(outboxEmpty, recorder.LastArrival);
        var createdSeconds = Ms(firstTask, allCreated) / 1000;
        var endToEndSeconds = Ms(firstTask, pushed) / 1000;
        var (cores, peakRss, lastRss) = sampler.Between(firstTask, pushed);
        var cpuMsPerTask = sampler.CpuSeconds(firstTask, pushed) * 1000 / count;
        ctx.LastDrainSeconds = endToEndSeconds;
        // A fresh process: its histograms start empty, so one scrape after the drain is the whole drain (its GC
        // figures include the start and the consoles connecting).
        var stages = StageBreakdown.Between(null, await StageBreakdown.ScrapeAsync([service.BaseAddress]), count);

        // Progress over time: tasks per second in each 5-second window, to show whether the rate holds.
        var windows = new List<object>();
        for (var t = firstTask; t < allCreated; t += 5 * Stopwatch.Frequency)
        {
            var from = all.LastOrDefault(s => s.At <= t);
            var to = all.LastOrDefault(s => s.At <= t + 5 * Stopwatch.Frequency);
            windows.Add(new
            {
                fromSecond = Ms(firstTask, t) / 1000,
                tasksPerSecond = (to.Created - from.Created) / (Ms(from.At, to.At) / 1000),
            });
        }
        var result = new Dictionary<string, object>
        {
            ["backlog"] = count,
            ["queueDepthBeforeStart"] = depth,
            ["publish"] = published,
            ["finished"] = finished,
            ["launchToReadySeconds"] = Ms(launched, ready) / 1000,
            ["launchToFirstTaskSeconds"] = Ms(launched, firstTask) / 1000,
            ["createdSeconds"] = createdSeconds,
            ["createdPerSecond"] = count / createdSeconds,
            ["endToEndSeconds"] = endToEndSeconds,
            ["endToEndPerSecond"] = count / endToEndSeconds,
            ["consolesConnected"] = fleet.OpenCount,
            ["consolesConnectedAfterSeconds"] = Ms(firstTask, consolesUp) / 1000,
            ["consolesSignedInBeforeSeconds"] = signInSeconds,
            ["boardReceipts"] = recorder.BoardReceived,
            ["officerReceipts"] = recorder.OfficerReceived,
            ["service"] = new
            {
                cpuCores = cores, peakRssMb = peakRss / 1024.0, endRssMb = lastRss / 1024.0,
                vmHwmMb = (Proc.StatusKb(service.Pid, "VmHWM:") ?? 0) / 1024.0,
            },
            ["cpuCores"] = new Dictionary<string, double>
            {
                ["service"] = cores,
                ["redis"] = redisSampler.Between(firstTask, pushed).Cores,
                ["rabbitmq"] = rabbitSampler.Between(firstTask, pushed).Cores,
                ["harness"] = selfSampler.Between(firstTask, pushed).Cores,
            },
            ["windows"] = windows,
            ["redisUsedMemoryMb"] = long.Parse((await redis.InfoAsync("memory"))["used_memory"]) / 1048576.0,
            ["cpuMsPerTask"] = cpuMsPerTask,
            ["stages"] = stages,
        };
        Say($"throughput: {count:N0} tasks created in {createdSeconds:0.0} s ({count / createdSeconds:0}/s), "
            + $"pushed by {endToEndSeconds:0.0} s ({count / endToEndSeconds:0}/s); service {cores:0.00} cores, "
            + $"peak RSS {peakRss / 1024.0:0} MB");

        // The floor drain runs alone: the service and its consoles go first.
        await fleet.DisposeAsync();
        await service.StopAsync();
        var floors = new[] { ("floor", "ratio", false), ("durableFloor", "ratioToDurableFloor", true) };
        foreach (var (key, ratio, durable) in floors)
        {
            try
            {
                var floor = await FloorDrain.RunAsync(ctx, durable);
                result[key] = floor;
                result[ratio] = new Dictionary<string, double>
                {
                    ["endToEndPerSecond"] = count / endToEndSeconds / (double)floor["endToEndPerSecond"],
                    ["cpuMsPerTask"] = cpuMsPerTask / (double)floor["cpuMsPerTask"],
                };
            }
            catch (Exception failure)
            {
                Say($"throughput: {key} drain failed: {failure}");
                result[key] = new { error = failure.ToString() };
            }
        }
        return result;
    }

    static long _lastPrinted;
    static void Progress(long created, int count)
    {
        var now = Stopwatch.GetTimestamp();
        if (Ms(_lastPrinted, now) < 10_000) return;
        _lastPrinted = now;
        Say($"throughput: {created:N0} / {count:N0} tasks");
    }
}
