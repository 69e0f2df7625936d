using System.Diagnostics;
using System.Text;
using static WarningDispatch.Bench.BenchContext;

namespace WarningDispatch.Bench;

/// <summary>
/// 1. Ingest → screen latency at fixed publish rates, with 1,000 field-officer consoles and 20 duty boards connected,
/// and 2. the floor in the same run: the bare relay with the same number of consoles, measured right after the service
/// at each rate, so machine noise hits both; then the durable floor, the same relay writing each message to a Redis of
/// its own (appendfsync always) before it pushes and acknowledges: what the one fsynced write the service must make
/// costs on this machine, without anything else the service does.
/// </summary>
static class LatencyScenario
{
    const string RelayExchange = "bench-floor";

    public static async Task<object> RunAsync(BenchContext ctx)
    {
        var o = ctx.Options;
        var region = ctx.Region;
        await using var redis = new PrivateRedis { SyncTimeoutMs = 30_000 };
        await redis.StartAsync();
        var serviceUri = ctx.Rabbit.Uri(await ctx.Rabbit.NewVirtualHostAsync("lat"));
        var floorUri = ctx.Rabbit.Uri(await ctx.Rabbit.NewVirtualHostAsync("floor"));
        await using var relayRedis = new PrivateRedis { SyncTimeoutMs = 30_000 };
        await relayRedis.StartAsync();
        // --instances N: N service processes on one Redis and one virtual host, competing for the one queue.
        var services = Enumerable.Range(0, o.Instances).Select(k => new AppProcess(
            k == 0 ? "latency-service" : $"latency-service-{k + 1}", ctx.ServiceDll,
            ctx.ServiceEnv(serviceUri, redis.Configuration, QuietTimers), ctx.LogDir)).ToList();
        await using var stopServices = new AsyncDisposables(services);
        var service = services[0];
        await using var relay = new AppProcess("latency-relay", ctx.RelayDll, new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production", ["RELAY_RABBITMQ"] = floorUri,
            ["RELAY_EXCHANGE"] = RelayExchange, ["RELAY_REDIS"] = relayRedis.Configuration,
        }, ctx.LogDir);
        await Task.WhenAll(service.StartAsync(), relay.StartAsync());
        // The first instance has declared the topology and seeded the region; the others join it.
        foreach (var other in services.Skip(1)) await other.StartAsync();
        Say($"latency: service pid {string.Join(", ", services.Select(s => s.Pid))}, relay pid {relay.Pid}");

        // Officer i and board i use instance i % N (each logs in where its console connects).
        var addresses = services.Select(s => s.BaseAddress).ToList();
        Uri Home(int i) => addresses[i % addresses.Count];
        var tokens = new Dictionary<string, string>();
        for (var k = 0; k < services.Count; k++)
        {
            var mine = region.OfficerUsers.Where((_, i) => i % services.Count == k)
                .Concat(region.BoardUsers.Where((_, i) => i % services.Count == k));
            foreach (var (user, token) in await LoginAsync(services[k].BaseAddress, mine)) tokens[user] = token;
        }
        var phases = new PhaseRecorder?[100];
        await using var fleet = new ConsoleFleet
        {
            OnTask = (console, id, at) =>
            {
                if (Instructions.TryParseId(id, out var phase, out var seq) && phases[phase] is { } recorder)
                    recorder.Arrived(console, seq, at);
            },
        };
        var serviceTargets = region.OfficerUsers
            .Select((u, i) => (ConsoleRole.Officer, i, ServiceHub(Home(i), tokens[u])))
            .Concat(region.BoardUsers.Select((u, i) => (ConsoleRole.Board, i, ServiceHub(Home(i), tokens[u]))))
            .ToList();
        var relayTargets = region.OfficerIds
            .Select((id, i) => (ConsoleRole.Officer, i, RelayHub(relay.BaseAddress, "officer=" + id)))
            .Concat(region.BoardUsers
                .Select((_, i) => (ConsoleRole.Board, i, RelayHub(relay.BaseAddress, "board=" + i))))
            .ToList();
        var connectService = await fleet.ConnectAsync(serviceTargets);
        var connectRelay = await fleet.ConnectAsync(relayTargets);
        Say($"latency: {serviceTargets.Count} consoles on the service in {connectService:0.0} s, "
            + $"{relayTargets.Count} on the relay in {connectRelay:0.0} s; open {fleet.OpenCount}");

        await using var serviceSampler =
            new ProcessSampler([.. services.Select(s => s.Pid)], TimeSpan.FromMilliseconds(250));
        await using var relaySampler = new ProcessSampler(relay.Pid, TimeSpan.FromMilliseconds(250));
        await using var redisSampler = new ProcessSampler(redis.Pid, TimeSpan.FromMilliseconds(250));
        await using var relayRedisSampler = new ProcessSampler(relayRedis.Pid, TimeSpan.FromMilliseconds(250));
        await using var rabbitSampler = new ProcessSampler(ctx.Rabbit.Pid, TimeSpan.FromMilliseconds(250));
        await using var selfSampler = new ProcessSampler(Environment.ProcessId, TimeSpan.FromMilliseconds(250));
        await using var servicePublisher = new AmqpPublisher(serviceUri);
        await using var upstream = await UpstreamFeedback.StartAsync(serviceUri);
        upstream.OnFeedback = (p, seq, at) => phases[p]?.Feedback(seq, at);
        await using var floorPublisher = new AmqpPublisher(floorUri);
        var samplers = new Dictionary<string, ProcessSampler>
        {
            ["service"] = serviceSampler, ["relay"] = relaySampler, ["redis"] = redisSampler,
            ["relayRedis"] = relayRedisSampler, ["rabbitmq"] = rabbitSampler, ["harness"] = selfSampler,
        };

        async Task<Dictionary<string, object>> Phase(string target, int phase, int rate, int seconds)
        {
            var count = rate * seconds;
            var recorder = new PhaseRecorder(count, region.BoardUsers.Count);
            phases[phase] = recorder;
            var isService = target == "service";
            var durable = target == "durable";
            var loadBefore = LoadAverage();
            var stagesBefore = isService ? await StageBreakdown.ScrapeAsync(addresses) : null;
            var started = Stopwatch.GetTimestamp();
            AmqpPublisher.MessageFactory make = isService
                ? seq => (Instructions.Make(Instructions.Id(phase, seq), DateTimeOffset.UtcNow,
                    region.Stations[(seq * 31 + phase) % region.Stations.Count], seq), null)
                : seq =>
                {
                    var officer = (seq * 131 + phase * 7) % region.OfficerIds.Count;
                    var station = region.Stations[officer * region.Stations.Count / region.OfficerIds.Count];
                    var headers = new Dictionary<string, object?>
                    {
                        ["officer"] = Encoding.UTF8.GetBytes(region.OfficerIds[officer]),
                    };
                    if (durable) headers["durable"] = true;
                    var body = Instructions.Make(Instructions.Id(phase, seq), DateTimeOffset.UtcNow, station, seq);
                    return (body, headers);
                };
            var published = await (isService ? servicePublisher : floorPublisher)
                .RunAsync(isService ? "warning-instructions" : RelayExchange, count, rate, make, recorder.Sent,
                    recorder.Intended);
            var complete = await WaitUntilAsync(() => recorder.Complete(expectOfficer: true),
                TimeSpan.FromSeconds(Math.Max(30, seconds * 2)));
            if (!complete && isService)
            {
                // Let the service finish its backlog before the next phase, so the floor is not measured next to it.
                Say($"latency: {target} {rate}/s not complete; waiting for the queue to drain");
                await WaitUntilAsync(() => recorder.Complete(true), TimeSpan.FromSeconds(180), pollMs: 500);
            }
            var ended = Stopwatch.GetTimestamp();
            var stagesAfter = isService ? await StageBreakdown.ScrapeAsync(addresses) : null;
            var cpuSeconds = (isService ? serviceSampler : relaySampler).CpuSeconds(started, ended);
            var firstSent = recorder.Sent.Where(t => t != 0).DefaultIfEmpty(started).Min();
            var result = new Dictionary<string, object>
            {
                ["target"] = target,
                ["instances"] = isService ? services.Count : 1,
                ["rate"] = rate,
                ["published"] = published.Count,
                ["publishSeconds"] = published.Seconds,
                ["achievedPublishRate"] = published.Rate,
                ["deliveredRate"] =
                    recorder.OfficerReceived / Math.Max(1e-9, Ms(firstSent, recorder.LastArrival) / 1000),
                ["officer"] = recorder.OfficerLatency(),
                ["board"] = recorder.BoardLatency(),
                ["allBoards"] = recorder.AllBoardsLatency(),
                ["generatorLag"] = recorder.GeneratorLag(),
                ["officerMissing"] = count - recorder.OfficerReceived,
                ["boardMissing"] = (long)count * recorder.Boards - recorder.BoardReceived,
                ["officerDuplicates"] = recorder.OfficerDuplicates,
                ["completeWithinWait"] = complete,
                ["cpuCores"] = samplers.ToDictionary(s => s.Key, s => s.Value.Between(started, ended).Cores),
                ["serviceRssMb"] =
                    (isService ? serviceSampler : relaySampler).Between(started, ended).PeakRssKb / 1024.0,
                ["loadAverageBefore"] = loadBefore,
                ["cpuPressureSomeAvg10"] = CpuPressure(),
                ["cpuMsPerTask"] = cpuSeconds * 1000 / Math.Max(1, recorder.OfficerReceived),
            };
            if (isService)
            {
                result["breakdown"] = await Breakdown.MeasureAsync(redis, recorder, phase);
                result["stages"] = StageBreakdown.Between(stagesBefore, stagesAfter, recorder.OfficerReceived);
            }
            var officer = (Distribution)result["officer"];
            var board = (Distribution)result["board"];
            Say($"latency: {target,-7} {rate,5}/s  officer p50 {officer.P50,7:0.00} p99 {officer.P99,8:0.00} "
                + $"max {officer.Max,8:0.0} ms | board p50 {board.P50,7:0.00} p99 {board.P99,8:0.00} ms | "
                + $"missing {result["officerMissing"]}/{result["boardMissing"]}");
            phases[phase] = null;
            return result;
        }

        // Warm-up (JIT, connection pools, the region in Redis), not reported.
        Say("latency: warm-up");
        await Phase("service", 1, 200, 5);
        await Phase("floor", 2, 200, 5);
        await Phase("durable", 3, 200, 5);

        var rates = new List<object>();
        for (var k = 0; k < o.Rates.Length; k++)
        {
            var rate = o.Rates[k];
            var s = await Phase("service", 10 + 2 * k, rate, o.Seconds);
            await Task.Delay(2000);
            var f = await Phase("floor", 11 + 2 * k, rate, o.Seconds);
            await Task.Delay(2000);
            var d = await Phase("durable", 30 + k, rate, o.Seconds);
            await Task.Delay(2000);
            Dictionary<string, double> Ratios(Dictionary<string, object> floor) => new()
            {
                ["officerP50"] = Ratio(floor, "officer", x => x.P50),
                ["officerP99"] = Ratio(floor, "officer", x => x.P99),
                ["boardP50"] = Ratio(floor, "board", x => x.P50), ["boardP99"] = Ratio(floor, "board", x => x.P99),
                ["cpuMsPerTask"] = (double)s["cpuMsPerTask"] / (double)floor["cpuMsPerTask"],
            };
            double Ratio(Dictionary<string, object> floor, string who, Func<Distribution, double> pick) =>
                pick((Distribution)s[who]) / pick((Distribution)floor[who]);
            rates.Add(new Dictionary<string, object>
            {
                ["rate"] = rate,
                ["service"] = s,
                ["floor"] = f,
                ["durableFloor"] = d,
                ["ratio"] = Ratios(f),
                ["ratioToDurableFloor"] = Ratios(d),
            });
        }
        return new Dictionary<string, object>
        {
            ["consoles"] = new
            {
                officers = region.OfficerUsers.Count, boards = region.BoardUsers.Count,
                connectSecondsService = connectService, connectSecondsRelay = connectRelay,
                errors = fleet.Errors.ToList(),
            },
            ["seconds"] = o.Seconds,
            ["instances"] = services.Count,
            ["rates"] = rates,
            ["client"] = "ClientWebSocket + SignalR JSON protocol (tests/bench/WarningDispatch.Bench/Consoles.cs)",
            ["floor"] = "tests/bench/WarningDispatch.FloorRelay: RabbitMQ.Client consumer (durable queue, persistent, "
                        + "prefetch 64, ack after push) → SignalR group push",
        };
    }
}
