using StackExchange.Redis;
using WarningDispatch.Service.Realtime;

namespace WarningDispatch.Service.Storage.Redis;

/// <summary>The live service instances as a sorted set in Redis, one heartbeat script per beat.</summary>
public sealed class RedisInstanceRegistry(RedisGateway redis) : IInstanceRegistry
{
    public async Task<InstanceBeat> BeatAsync(string instanceId, DateTimeOffset now, DateTimeOffset aliveUntil,
        CancellationToken ct)
    {
        var result = (RedisResult[])(await redis.ScriptAsync(RedisScripts.BeatInstance, [RedisKeys.LiveInstances],
            [instanceId, now.ToUnixTimeMilliseconds(), aliveUntil.ToUnixTimeMilliseconds(),
                now.ToUnixTimeMilliseconds() - 1], ct))!;
        return new InstanceBeat((int)result[0] == 1, (int)result[1]);
    }
}
