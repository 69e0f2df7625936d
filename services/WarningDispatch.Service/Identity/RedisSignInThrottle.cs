using Microsoft.Extensions.Options;
using StackExchange.Redis;
using WarningDispatch.Service.Hosting;

namespace WarningDispatch.Service.Identity;

/// <summary>
/// The sign-in throttle in Redis, shared by every instance: one sorted set of attempts per account and per address,
/// scored by the service's clock, checked and added to in one script so parallel attempts cannot slip past it.
/// </summary>
public sealed class RedisSignInThrottle(RedisGateway redis, TimeProvider clock, IOptions<SignInThrottleOptions> options)
    : ISignInThrottle
{
    // KEYS: account, address. ARGV: now (ms), window (ms), attempt id, account limit, address limit.
    // Answers 0 when the attempt was added, otherwise the milliseconds until a limit lets one through again.
    const string BeginScript = """
        local now, window = tonumber(ARGV[1]), tonumber(ARGV[2])
        local wait = 0
        for i = 1, 2 do
          local limit = tonumber(ARGV[3 + i])
          redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - window)
          local count = redis.call('ZCARD', KEYS[i])
          if count >= limit then
            local oldest = redis.call('ZRANGE', KEYS[i], count - limit, count - limit, 'WITHSCORES')
            wait = math.max(wait, tonumber(oldest[2]) + window - now)
          end
        end
        if wait > 0 then return wait end
        for i = 1, 2 do
          redis.call('ZADD', KEYS[i], now, ARGV[3])
          redis.call('ZREMRANGEBYRANK', KEYS[i], 0, -tonumber(ARGV[3 + i]) - 1)
          redis.call('PEXPIRE', KEYS[i], window)
        end
        return 0
        """;

    // KEYS: account, address. ARGV: attempt id.
    const string SucceededScript = """
        redis.call('DEL', KEYS[1])
        redis.call('ZREM', KEYS[2], ARGV[1])
        return 1
        """;

    public async Task<TimeSpan?> TryBeginAsync(string account, string address, string attemptId, CancellationToken ct)
    {
        var o = options.Value;
        var wait = (long)await redis.RunAsync(db => db.ScriptEvaluateAsync(BeginScript, Keys(account, address),
        [
            clock.GetUtcNow().ToUnixTimeMilliseconds(), (long)o.Window.TotalMilliseconds, attemptId,
            o.MaxFailuresPerAccount, o.MaxFailuresPerAddress,
        ]), ct);
        return wait > 0 ? TimeSpan.FromMilliseconds(wait) : null;
    }

    public Task SucceededAsync(string account, string address, string attemptId, CancellationToken ct) =>
        redis.RunAsync(db => db.ScriptEvaluateAsync(SucceededScript, Keys(account, address), [attemptId]), ct);

    static RedisKey[] Keys(string account, string address) =>
        [$"{RedisKeys.Prefix}signin:account:{account}", $"{RedisKeys.Prefix}signin:address:{address}"];
}
