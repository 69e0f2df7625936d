using WarningDispatch.Service.Hosting;
using WarningDispatch.Service.Officers;

namespace WarningDispatch.Service.Storage.Redis;

/// <summary>
/// Presence in Redis, counted per instance: each instance keeps its own hash of connection counts and a heartbeat in
/// a sorted set. An instance that dies stops beating, and its officers drop out of the online set within
/// <see cref="Expiry"/>, without anyone having to clean up after it.
/// </summary>
public sealed class RedisOfficerPresence(RedisGateway redis, ServiceInstance instance, TimeProvider clock)
    : BackgroundService, IOfficerPresence
{
    static readonly TimeSpan Beat = TimeSpan.FromSeconds(10);
    static readonly TimeSpan Expiry = TimeSpan.FromSeconds(30);
    readonly StackExchange.Redis.RedisKey _mine = RedisKeys.Presence(instance.Id);

    // Presence is a courtesy for the board: a console connects even while Redis is away.
    public Task ConnectedAsync(string officerId, CancellationToken ct) =>
        BestEffort(async () =>
        {
            await redis.RunAsync(db => db.HashIncrementAsync(_mine, officerId, 1), ct);
            await HeartbeatAsync(ct);
        });

    public Task DisconnectedAsync(string officerId, CancellationToken ct) =>
        BestEffort(() => redis.RunAsync(db => db.HashDecrementAsync(_mine, officerId, 1), ct));

    static async Task BestEffort(Func<Task> call)
    {
        try { await call(); } catch (StoreUnavailableException) { }
    }

    public async Task<IReadOnlySet<string>> OnlineAsync(CancellationToken ct)
    {
        var since = (clock.GetUtcNow() - Expiry).ToUnixTimeMilliseconds();
        var alive = await redis.RunAsync(db => db.SortedSetRangeByScoreAsync(RedisKeys.PresenceInstances, since), ct);
        var online = new HashSet<string>();
        foreach (var id in alive)
            foreach (var entry in await redis.RunAsync(db => db.HashGetAllAsync(RedisKeys.Presence(id!)), ct))
                if ((long)entry.Value > 0) online.Add(entry.Name!);
        return online;
    }

    Task HeartbeatAsync(CancellationToken ct) =>
        redis.RunAsync(async db =>
        {
            var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
            await db.SortedSetAddAsync(RedisKeys.PresenceInstances, instance.Id, now);
            await db.KeyExpireAsync(_mine, Expiry + Beat);
            await db.SortedSetRemoveRangeByScoreAsync(RedisKeys.PresenceInstances, double.NegativeInfinity,
                now - 10 * Expiry.TotalMilliseconds);
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
