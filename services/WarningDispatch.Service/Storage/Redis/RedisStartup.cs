namespace WarningDispatch.Service.Storage.Redis;

/// <summary>
/// Before the bus starts: checks Redis durability, seeds duty status on an empty Redis, and listens for other
/// instances' writes so outbox and timer loops wake at once wherever the write happened.
/// </summary>
public sealed class RedisStartup(
    RedisGateway redis, RedisOfficerRoster roster, DispatchSignals signals, ILogger<RedisStartup> log) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        await redis.WarnUnlessDurableAsync();
        await roster.SeedAsync(ct);
        await redis.Connection.GetSubscriber().SubscribeAsync(RedisKeys.Signal, (_, what) =>
        {
            if (what == "outbox") signals.Outbox.Set();
            else if (what == "timers") signals.Timers.Set();
        });
        log.LogInformation("Redis store ready");
    }

    public Task StopAsync(CancellationToken ct) => redis.Connection.GetSubscriber().UnsubscribeAllAsync();
}
