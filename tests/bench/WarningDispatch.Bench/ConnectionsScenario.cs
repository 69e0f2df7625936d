using System.Diagnostics;
using static WarningDispatch.Bench.BenchContext;

namespace WarningDispatch.Bench;

/// <summary>
/// 6. Connections: 5,000 concurrent console connections on one instance (duty boards of the city root, so one change
/// goes to every one of them): memory per connection from the service's RSS before and after, and the time to push one
/// change to all of them, from the AMQP publish to the last console's arrival. The same for the floor relay.
/// </summary>
static class ConnectionsScenario
{
    const int Pushes = 20;

    public static async Task<object> RunAsync(BenchContext ctx)
    {
        var n = ctx.Options.Connections;
        var region = ctx.Region;
        await using var redis = new PrivateRedis { SyncTimeoutMs = 30_000 };
        await redis.StartAsync();
        var uri = ctx.Rabbit.Uri(await ctx.Rabbit.NewVirtualHostAsync("con"));
        var floorUri = ctx.Rabbit.Uri(await ctx.Rabbit.NewVirtualHostAsync("conf"));
        await using var service = new AppProcess("connections-service", ctx.ServiceDll,
            ctx.ServiceEnv(uri, redis.Configuration, QuietTimers), ctx.LogDir);
        await using var relay = new AppProcess("connections-relay", ctx.RelayDll,
            new() { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["RELAY_RABBITMQ"] = floorUri }, ctx.LogDir);
        await Task.WhenAll(service.StartAsync(), relay.StartAsync());
        var tokens = await LoginAsync(service.BaseAddress, region.BoardUsers);

        var results = new Dictionary<string, object> { ["connections"] = n };
        foreach (var (name, app, amqp, exchange) in new[] { ("service", service, uri, "warning-instructions"),
            ("floor", relay, floorUri, "bench-floor") })
        {
            PhaseRecorder? current = null;
            await using var fleet = new ConsoleFleet
            {
                OnTask = (console, id, at) =>
                {
                    if (Instructions.TryParseId(id, out _, out var seq)) current?.Arrived(console, seq, at);
                },
            };
            // One warm push before measuring memory, so the connection-independent first-use costs are already paid.
            await using var publisher = new AmqpPublisher(amqp);
            var warm = new PhaseRecorder(1, 1);
            current = warm;
            await fleet.ConnectAsync([(ConsoleRole.Board, 0, Hub(name, app, tokens, 0))]);
            await publisher.RunAsync(exchange, 1, 0,
                _ => (Instructions.Make(Instructions.Id(70, 0), DateTimeOffset.UtcNow, region.Stations[0], 0),
                    Header(region)),
                warm.Sent);
            await WaitUntilAsync(() => warm.BoardReceived == 1, TimeSpan.FromSeconds(30));
            await Task.Delay(3000);
            var before = Proc.Read(app.Pid)!.Value.RssKb;
            var selfBefore = GC.GetTotalMemory(forceFullCollection: true);
            var connectSeconds = await fleet.ConnectAsync(Enumerable.Range(1, n - 1)
                .Select(i => (ConsoleRole.Board, i, Hub(name, app, tokens, i))).ToList());
            await Task.Delay(5000);
            var after = Proc.Read(app.Pid)!.Value.RssKb;
            var selfAfter = GC.GetTotalMemory(forceFullCollection: true);
            Say($"connections: {name}: {fleet.OpenCount:N0} consoles in {connectSeconds:0.0} s;"
                + $" RSS {before / 1024.0:0} → {after / 1024.0:0} MB");

            var recorder = new PhaseRecorder(Pushes, n);
            current = recorder;
            var toAll = new List<double>();
            var firstArrival = new List<double>();
            var spread = new List<double>();
            var incomplete = 0;
            for (var k = 0; k < Pushes; k++)
            {
                var seq = k;
                await publisher.RunAsync(exchange, 1, 0,
                    _ => (Instructions.Make(Instructions.Id(71, seq), DateTimeOffset.UtcNow,
                        region.Stations[seq % region.Stations.Count], seq), Header(region)),
                    recorder.Sent, channels: 1, first: seq);
                if (!await WaitUntilAsync(
                        () => Enumerable.Range(0, n).All(b => recorder.BoardAt[(long)seq * n + b] != 0),
                        TimeSpan.FromSeconds(30), pollMs: 5))
                    incomplete++;
                var arrivals = Enumerable.Range(0, n).Select(b => recorder.BoardAt[(long)seq * n + b])
                    .Where(t => t != 0).ToList();
                if (arrivals.Count > 0)
                {
                    toAll.Add(Ms(recorder.Sent[seq], arrivals.Max()));
                    firstArrival.Add(Ms(recorder.Sent[seq], arrivals.Min()));
                    spread.Add(Ms(arrivals.Min(), arrivals.Max()));
                }
                await Task.Delay(500);
            }
            var all = Distribution.Of(toAll);
            Say($"connections: {name}: one change to all {n:N0}: p50 {all.P50:0.0} ms, max {all.Max:0.0} ms"
                + $" (first console p50 {Distribution.Of(firstArrival).P50:0.00} ms)");
            results[name] = new Dictionary<string, object>
            {
                ["open"] = fleet.OpenCount,
                ["connectSeconds"] = connectSeconds,
                ["rssBeforeMb"] = before / 1024.0,
                ["rssAfterMb"] = after / 1024.0,
                ["kbPerConnection"] = (after - before) / (double)(n - 1),
                ["clientManagedKbPerConnection"] = (selfAfter - selfBefore) / 1024.0 / (n - 1),
                ["pushToAllMs"] = all,
                ["pushToFirstMs"] = Distribution.Of(firstArrival),
                ["firstToLastMs"] = Distribution.Of(spread),
                ["pushes"] = Pushes,
                ["incompletePushes"] = incomplete,
                ["errors"] = fleet.Errors.ToList(),
            };
        }
        return results;
    }

    static Dictionary<string, object?> Header(BenchRegion region) =>
        new() { ["officer"] = System.Text.Encoding.UTF8.GetBytes(region.OfficerIds[0]) };

    static Uri Hub(string name, AppProcess app, Dictionary<string, string> tokens, int i) =>
        name == "service"
            ? ServiceHub(app.BaseAddress, tokens.Values.ElementAt(i % tokens.Count))
            : RelayHub(app.BaseAddress, "board=" + i);
}
