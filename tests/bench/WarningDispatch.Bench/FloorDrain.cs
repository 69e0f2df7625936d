using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using static WarningDispatch.Bench.BenchContext;

namespace WarningDispatch.Bench;

/// <summary>
/// The floor of the throughput scenario: the same backlog through the bare relay (FloorRelay), published into its
/// durable queue while it is stopped, then drained to the same consoles. The relay is started with
/// RELAY_DEFER_CONSUME and told to consume once the consoles are connected, so no message is pushed to nobody.
/// Tasks per second from the first to the last delivery at the consoles, CPU ms per task, RSS. Durable: the relay
/// writes each message to a Redis of its own (appendfsync always) before pushing and acknowledging, 32 deliveries side
/// by side as the service takes them.
/// </summary>
static class FloorDrain
{
    public static async Task<Dictionary<string, object>> RunAsync(BenchContext ctx, bool durable)
    {
        var phase = durable ? 52 : 51;
        var name = durable ? "durable floor" : "floor";
        var o = ctx.Options;
        var region = ctx.Region;
        var count = o.Backlog;
        var uri = ctx.Rabbit.Uri(await ctx.Rabbit.NewVirtualHostAsync(durable ? "thr-durable" : "thr-floor"));
        var env = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production", ["RELAY_RABBITMQ"] = uri, ["RELAY_DEFER_CONSUME"] = "true",
        };
        await using var store = durable ? new PrivateRedis { SyncTimeoutMs = 30_000 } : null;
        if (store is not null)
        {
            await store.StartAsync();
            env["RELAY_REDIS"] = store.Configuration;
            env["RELAY_CONCURRENCY"] = "32";
        }
        await using var relay = new AppProcess(durable ? "throughput-relay-durable" : "throughput-relay", ctx.RelayDll,
            env, ctx.LogDir);
        // First start declares the durable queue bound to the relay's exchange; then stop it.
        await relay.StartAsync();
        await relay.StopAsync();

        await using var publisher = new AmqpPublisher(uri);
        Say($"throughput: publishing a backlog of {count:N0} messages with the {name} relay stopped");
        var published = await publisher.RunAsync("bench-floor", count, 0, seq =>
        {
            var officer = seq * 131 % region.OfficerIds.Count;
            var station = region.Stations[officer * region.Stations.Count / region.OfficerIds.Count];
            var headers = new Dictionary<string, object?>
            {
                ["officer"] = Encoding.UTF8.GetBytes(region.OfficerIds[officer]),
            };
            if (durable) headers["durable"] = true;
            return (Instructions.Make(Instructions.Id(phase, seq), DateTimeOffset.UtcNow, station, seq), headers);
        });
        var depth = await publisher.QueueDepthAsync("bench-floor");

        var boards = o.ThroughputConsoles ? region.BoardUsers.Count : 1;
        var recorder = new PhaseRecorder(count, boards);
        await using var fleet = new ConsoleFleet
        {
            OnTask = (console, id, at) =>
            {
                if (Instructions.TryParseId(id, out var p, out var seq) && p == phase)
                    recorder.Arrived(console, seq, at);
            },
        };
        relay.Launch();
        await using var sampler = new ProcessSampler(relay.Pid, TimeSpan.FromMilliseconds(200));
        await using var rabbitSampler = new ProcessSampler(ctx.Rabbit.Pid, TimeSpan.FromMilliseconds(200));
        await using var redisSampler =
            store is null ? null : new ProcessSampler(store.Pid, TimeSpan.FromMilliseconds(200));
        await using var selfSampler = new ProcessSampler(Environment.ProcessId, TimeSpan.FromMilliseconds(200));
        await relay.WaitReadyAsync();
        var officers = o.ThroughputConsoles ? region.OfficerIds : [];
        var targets = officers.Select((id, i) => (ConsoleRole.Officer, i, RelayHub(relay.BaseAddress, "officer=" + id)))
            .Concat(Enumerable.Range(0, boards)
                .Select(i => (ConsoleRole.Board, i, RelayHub(relay.BaseAddress, "board=" + i))))
            .ToList();
        var connectSeconds = await fleet.ConnectAsync(targets);
        using (var http = new HttpClient { BaseAddress = relay.BaseAddress })
            (await http.PostAsJsonAsync("/consume", new { })).EnsureSuccessStatusCode();
        Say($"throughput: {name} relay consuming; {fleet.OpenCount} consoles connected in {connectSeconds:0.0} s");

        // Done when every console has every message, or when nothing has arrived for 30 s (something was lost).
        var finished = await WaitUntilAsync(() =>
            recorder.Complete(expectOfficer: o.ThroughputConsoles)
            || (recorder.LastArrival != 0 && Ms(recorder.LastArrival, Stopwatch.GetTimestamp()) > 30_000),
            TimeSpan.FromMinutes(8), pollMs: 200);
        var complete = recorder.Complete(expectOfficer: o.ThroughputConsoles);
        var first = recorder.OfficerAt.Concat(recorder.BoardAt).Where(t => t != 0).DefaultIfEmpty().Min();
        var last = recorder.LastArrival;
        var seconds = Ms(first, last) / 1000;
        var cpuSeconds = sampler.CpuSeconds(first, last);
        var (cores, peakRss, _) = sampler.Between(first, last);
        var result = new Dictionary<string, object>
        {
            ["backlog"] = count,
            ["queueDepthBeforeStart"] = depth,
            ["publish"] = published,
            ["finished"] = finished && complete,
            ["consolesConnected"] = fleet.OpenCount,
            ["endToEndSeconds"] = seconds,
            ["endToEndPerSecond"] = count / seconds,
            ["boardReceipts"] = recorder.BoardReceived,
            ["officerReceipts"] = recorder.OfficerReceived,
            ["cpuMsPerTask"] = cpuSeconds * 1000 / count,
            ["relay"] = new { cpuCores = cores, peakRssMb = peakRss / 1024.0 },
            ["cpuCores"] = new Dictionary<string, double>
            {
                ["relay"] = cores,
                ["rabbitmq"] = rabbitSampler.Between(first, last).Cores,
                ["redis"] = redisSampler?.Between(first, last).Cores ?? 0,
                ["harness"] = selfSampler.Between(first, last).Cores,
            },
        };
        Say($"throughput: {name} drained {count:N0} in {seconds:0.0} s ({count / seconds:0}/s); "
            + $"relay {cores:0.00} cores, "
            + $"{cpuSeconds * 1000 / count:0.000} CPU ms per task, peak RSS {peakRss / 1024.0:0} MB"
            + (complete ? "" : $"; INCOMPLETE: {recorder.BoardReceived:N0} board receipts"));
        return result;
    }
}
