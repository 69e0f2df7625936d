using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace WarningDispatch.Service.Storage.Redis;

/// <summary>Readiness: Redis answers a read as the store's own calls do, through the same retry pipeline.</summary>
public sealed class RedisHealthCheck(RedisGateway redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            var started = Stopwatch.GetTimestamp();
            await redis.RunAsync(db => db.StringGetAsync(RedisKeys.DutyVersion), ct);
            return HealthCheckResult.Healthy($"GET {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0.0} ms");
        }
        catch (StoreUnavailableException e)
        {
            return HealthCheckResult.Unhealthy("Redis does not answer", e);
        }
    }
}
