using System.Collections.Concurrent;
using System.Globalization;
using WarningDispatch.Service.Hosting;

namespace WarningDispatch.Service.Officers;

/// <summary>Which officers have a console connected right now, on any instance.</summary>
public interface IOfficerPresence
{
    Task ConnectedAsync(string officerId, CancellationToken ct);
    Task DisconnectedAsync(string officerId, CancellationToken ct);
    Task<IReadOnlySet<string>> OnlineAsync(CancellationToken ct);
}

public sealed class InMemoryOfficerPresence : IOfficerPresence
{
    readonly ConcurrentDictionary<string, int> _connections = new();

    public Task ConnectedAsync(string officerId, CancellationToken ct)
    {
        _connections.AddOrUpdate(officerId, 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }

    public Task DisconnectedAsync(string officerId, CancellationToken ct)
    {
        _connections.AddOrUpdate(officerId, 0, (_, n) => Math.Max(0, n - 1));
        return Task.CompletedTask;
    }

    public Task<IReadOnlySet<string>> OnlineAsync(CancellationToken ct) =>
        Task.FromResult<IReadOnlySet<string>>(_connections.Where(kv => kv.Value > 0).Select(kv => kv.Key).ToHashSet());
}

/// <summary>
/// Presence in Redis, counted per instance: each instance keeps its own hash of connection counts and a heartbeat in
/// a sorted set. An instance that dies stops beating, and its officers drop out of the online set within
/// <see cref="Expiry"/>, without anyone having to clean up after it.
/// </summary>
public sealed class RedisOfficerPresence(RedisGateway redis, ServiceInstance instance, TimeProvider clock) : BackgroundService, IOfficerPresence
{
    static readonly TimeSpan Beat = TimeSpan.FromSeconds(10);
    static readonly TimeSpan Expiry = TimeSpan.FromSeconds(30);
    const string Instances = RedisKeys.Prefix + "presence:instances";
    string Mine => RedisKeys.Prefix + "presence:" + instance.Id;

    // Presence is a courtesy for the board: a console connects even while Redis is away.
    public Task ConnectedAsync(string officerId, CancellationToken ct) =>
        BestEffort(async () => { await redis.RunAsync(db => db.HashIncrementAsync(Mine, officerId, 1), ct); await HeartbeatAsync(ct); });

    public Task DisconnectedAsync(string officerId, CancellationToken ct) =>
        BestEffort(() => redis.RunAsync(db => db.HashDecrementAsync(Mine, officerId, 1), ct));

    static async Task BestEffort(Func<Task> call)
    {
        try { await call(); } catch (StoreUnavailableException) { }
    }

    public async Task<IReadOnlySet<string>> OnlineAsync(CancellationToken ct)
    {
        var alive = await redis.RunAsync(db => db.SortedSetRangeByScoreAsync(Instances, (clock.GetUtcNow() - Expiry).ToUnixTimeMilliseconds()), ct);
        var online = new HashSet<string>();
        foreach (var id in alive)
            foreach (var entry in await redis.RunAsync(db => db.HashGetAllAsync(RedisKeys.Prefix + "presence:" + id), ct))
                if ((long)entry.Value > 0) online.Add(entry.Name!);
        return online;
    }

    Task HeartbeatAsync(CancellationToken ct) =>
        redis.RunAsync(async db =>
        {
            var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
            await db.SortedSetAddAsync(Instances, instance.Id, now);
            await db.KeyExpireAsync(Mine, Expiry + Beat);
            await db.SortedSetRemoveRangeByScoreAsync(Instances, double.NegativeInfinity, now - 10 * Expiry.TotalMilliseconds);
        }, ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Beat, clock);
        do
        {
            try { await HeartbeatAsync(stoppingToken); }
            catch (StoreUnavailableException) { }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
