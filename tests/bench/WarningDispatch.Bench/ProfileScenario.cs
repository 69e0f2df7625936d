using System.Diagnostics;
using static WarningDispatch.Bench.BenchContext;

namespace WarningDispatch.Bench;

/// <summary>
/// Where the service's CPU goes under the latency scenario's load: the service (with DOTNET_PerfMapEnabled=1 so perf
/// can name JIT-compiled methods) and 1,000 + 20 consoles, a steady publish rate, and `perf record` on the service
/// process for the middle of the run. Writes perf.data, a flat (self) and an inclusive (children) report into the run
/// folder. Not part of "all": run it as tests/bench/run.sh profile [--rates 500] [--seconds 30].
/// </summary>
static class ProfileScenario
{
    public static async Task<object> RunAsync(BenchContext ctx)
    {
        var rate = ctx.Options.Rates[^1];
        var seconds = Math.Max(15, ctx.Options.Seconds);
        var region = ctx.Region;
        await using var redis = new PrivateRedis { SyncTimeoutMs = 30_000 };
        await redis.StartAsync();
        var uri = ctx.Rabbit.Uri(await ctx.Rabbit.NewVirtualHostAsync("prof"));
        var env = ctx.ServiceEnv(uri, redis.Configuration, QuietTimers);
        env["DOTNET_PerfMapEnabled"] = "1";
        env["DOTNET_EnableWriteXorExecute"] = "0"; // JIT code in plain anonymous memory, so perf can map it
        await using var service = new AppProcess("profile-service", ctx.ServiceDll, env, ctx.LogDir);
        await service.StartAsync();
        var tokens = await LoginAsync(service.BaseAddress, region.OfficerUsers.Concat(region.BoardUsers));
        var phases = new PhaseRecorder?[100];
        await using var fleet = new ConsoleFleet
        {
            OnTask = (console, id, at) =>
            {
                if (Instructions.TryParseId(id, out var p, out var seq) && phases[p] is { } r)
                    r.Arrived(console, seq, at);
            },
        };
        await fleet.ConnectAsync(region.OfficerUsers
            .Select((u, i) => (ConsoleRole.Officer, i, ServiceHub(service.BaseAddress, tokens[u])))
            .Concat(region.BoardUsers
                .Select((u, i) => (ConsoleRole.Board, i, ServiceHub(service.BaseAddress, tokens[u]))))
            .ToList());
        await using var publisher = new AmqpPublisher(uri);
        await using var upstream = await UpstreamFeedback.StartAsync(uri);
        upstream.OnFeedback = (p, seq, at) => phases[p]?.Feedback(seq, at);
        await using var sampler = new ProcessSampler(service.Pid, TimeSpan.FromMilliseconds(250));

        async Task<PhaseRecorder> Phase(int phase, int r, int s)
        {
            var recorder = new PhaseRecorder(r * s, region.BoardUsers.Count);
            phases[phase] = recorder;
            await publisher.RunAsync("warning-instructions", r * s, r,
                seq => (Instructions.Make(Instructions.Id(phase, seq), DateTimeOffset.UtcNow,
                    region.Stations[(seq * 31 + phase) % region.Stations.Count], seq), null),
                recorder.Sent, recorder.Intended);
            await WaitUntilAsync(() => recorder.Complete(true), TimeSpan.FromSeconds(60));
            return recorder;
        }

        Say("profile: warm-up");
        await Phase(1, 300, 20);
        var idleFrom = Stopwatch.GetTimestamp();
        await Task.Delay(10_000);
        var idle = sampler.Between(idleFrom, Stopwatch.GetTimestamp()).Cores;
        Say($"profile: idle with {fleet.OpenCount} consoles: {idle:0.000} cores");
        var perfData = Path.Combine(ctx.RunDir, "perf.data");
        var recordSeconds = seconds - 10;
        Say($"profile: {rate}/s for {seconds} s; perf record on pid {service.Pid} for {recordSeconds} s");
        var started = Stopwatch.GetTimestamp();
        var perf = Task.Run(async () =>
        {
            await Task.Delay(5000);
            // perf exits non-zero when a thread it attached to ends meanwhile; the data it wrote is still good.
            try
            {
                return await Shell.RunAsync("perf",
                    $"record -F 499 -g -e cpu-clock -p {service.Pid} -o {perfData} -- sleep {recordSeconds}",
                    timeoutSeconds: recordSeconds + 60);
            }
            catch (InvalidOperationException) when (File.Exists(perfData)) { return ""; }
        });
        var measured = await Phase(2, rate, seconds);
        var ended = Stopwatch.GetTimestamp();
        await perf;
        var flat = await Shell.RunAsync("perf",
            $"report -i {perfData} --stdio --no-children --sort dso,symbol -g none --percent-limit 0.2",
            timeoutSeconds: 300);
        var children = await Shell.RunAsync("perf",
            $"report -i {perfData} --stdio --children --sort symbol -g none --percent-limit 1.5",
            timeoutSeconds: 300);
        await File.WriteAllTextAsync(Path.Combine(ctx.RunDir, "perf-self.txt"), flat);
        await File.WriteAllTextAsync(Path.Combine(ctx.RunDir, "perf-inclusive.txt"), children);
        var script = Path.Combine(ctx.RunDir, "perf-script.txt");
        await Shell.RunAsync("sh", $"-c \"perf script -i {perfData} -F comm,tid,ip,sym > {script} 2>/dev/null\"",
            timeoutSeconds: 600);
        var buckets = Attribute(script);
        await File.WriteAllLinesAsync(Path.Combine(ctx.RunDir, "perf-buckets.txt"),
            buckets.Select(b => $"{b.Percent,6:0.0} %  {b.Bucket}"));
        var cpu = sampler.Between(started, ended).Cores;
        var officer = measured.OfficerLatency();
        var breakdown = await Breakdown.MeasureAsync(redis, measured, 2);
        Say($"profile: p50/p99 ms: publish → intake"
            + $" {breakdown["publishToIntake"].P50:0.00}/{breakdown["publishToIntake"].P99:0.00},"
            + $" intake → feedback {breakdown["intakeToFeedback"].P50:0.00}/{breakdown["intakeToFeedback"].P99:0.00},"
            + $" intake → officer {breakdown["intakeToOfficer"].P50:0.00}/{breakdown["intakeToOfficer"].P99:0.00};"
            + $" CPU pressure {CpuPressure()}");
        Say($"profile: officer p50 {officer.P50:0.00} ms p99 {officer.P99:0.00} ms;"
            + $" service {cpu:0.00} cores = {cpu * 1000 / rate:0.00} ms CPU per instruction");
        foreach (var b in buckets.Take(30)) Console.WriteLine($"    {b.Percent,6:0.0} %  {b.Bucket}");
        return new Dictionary<string, object>
        {
            ["rate"] = rate,
            ["seconds"] = seconds,
            ["officer"] = officer,
            ["board"] = measured.BoardLatency(),
            ["breakdown"] = breakdown,
            ["serviceCpuCores"] = cpu,
            ["serviceIdleCpuCores"] = idle,
            ["cpuMsPerInstruction"] = cpu * 1000 / rate,
            ["cpuByOwner"] = buckets.Take(40).ToDictionary(b => b.Bucket, b => Math.Round(b.Percent, 2)),
            ["perfSelf"] = Path.Combine(ctx.RunDir, "perf-self.txt"),
            ["perfInclusive"] = Path.Combine(ctx.RunDir, "perf-inclusive.txt"),
        };
    }

    /// <summary>
    /// Attributes each CPU sample to its owner: the innermost method of ours (WarningDispatch.*) on the stack, which
    /// then counts everything it called; failing that, the innermost library outside the BCL (MassTransit, SignalR,
    /// StackExchange.Redis, Kestrel…); failing that, the runtime or kernel on that thread (GC, JIT, scheduler).
    /// </summary>
    static List<(string Bucket, double Percent)> Attribute(string perfScript)
    {
        var counts = new Dictionary<string, int>();
        var total = 0;
        string? comm = null;
        var frames = new List<string>();
        void Flush()
        {
            if (comm is null) return;
            total++;
            var bucket = Owner(frames, comm);
            counts[bucket] = counts.GetValueOrDefault(bucket) + 1;
            comm = null;
            frames.Clear();
        }
        foreach (var line in File.ReadLines(perfScript))
        {
            if (line.Length == 0) { Flush(); continue; }
            if (!char.IsWhiteSpace(line[0])) { Flush(); comm = line.Trim(); continue; }
            var text = line.Trim();
            var space = text.IndexOf(' ');
            frames.Add(space < 0 ? "" : text[(space + 1)..]);
        }
        Flush();
        return counts.OrderByDescending(kv => kv.Value).Select(kv => (kv.Key, 100.0 * kv.Value / Math.Max(1, total)))
            .ToList();
    }

    static string Owner(List<string> frames, string comm)
    {
        foreach (var f in frames)
        {
            var at = f.IndexOf("[WarningDispatch.", StringComparison.Ordinal);
            if (at < 0) continue;
            var method = f[(f.IndexOf(']', at) + 2)..];
            var cut = method.IndexOf('(');
            if (cut > 0) method = method[..cut];
            method = System.Text.RegularExpressions.Regex.Replace(method, @"`\d+(\[[^\]]*\])?", "");
            method = System.Text.RegularExpressions.Regex.Replace(method, @"\+<<?([^>]+)>[^:]*", ".$1");
            return "ours: " + method.Replace("WarningDispatch.Service.", "").Replace("WarningDispatch.Domain.", "")
                .Replace("::MoveNext", "");
        }
        foreach (var f in frames)
        {
            if (!f.Contains('[')) continue;
            var start = f.IndexOf('[');
            var assembly = f[(start + 1)..f.IndexOf(']', start)];
            if (assembly.StartsWith("System", StringComparison.Ordinal)
                || assembly.StartsWith("Microsoft.Extensions", StringComparison.Ordinal)
                || assembly == "unknown")
                continue;
            return "library: " + assembly;
        }
        var thread = System.Text.RegularExpressions.Regex.Replace(comm, @"\s+\d+\s*$", "");
        var managed = frames.Any(f => f.Contains("[System", StringComparison.Ordinal));
        return (managed ? "BCL only, thread " : "runtime/kernel, thread ") + thread;
    }
}
