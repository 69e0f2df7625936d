using System.Diagnostics;
using StackExchange.Redis;
using WarningDispatch.Service.Officers;
using WarningDispatch.Service.Tasks;

namespace WarningDispatch.Service.Hosting;

/// <summary>
/// Before the bus starts: checks Redis durability, seeds duty status on an empty Redis, and listens for other
/// instances' writes so outbox and timer loops wake at once wherever the write happened.
/// </summary>
public sealed class RedisStartup(RedisGateway redis, RedisOfficerRoster roster, DispatchSignals signals, ILogger<RedisStartup> log) : IHostedService
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

/// <summary>
/// Readiness: Redis answers a read as the store's own calls do, through the same retry pipeline. Not a bare PING:
/// after a Redis restart StackExchange.Redis 1.2.6 can keep its pub/sub connection broken for a long time and then
/// fails single calls now and then ("No connection is available") while retried ones succeed and the service works
/// (seen in FailureTests; the background loops fall back to polling without the pub/sub signals).
/// </summary>
public sealed class RedisHealthCheck(RedisGateway redis) : Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck
{
    public async Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult> CheckHealthAsync(
        Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            var started = Stopwatch.GetTimestamp();
            await redis.RunAsync(db => db.StringGetAsync(RedisKeys.DutyVersion), ct);
            return Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy($"GET {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0.0} ms");
        }
        catch (StoreUnavailableException e)
        {
            return Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy("Redis does not answer", e);
        }
    }
}
