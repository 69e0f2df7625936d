using Microsoft.Extensions.Options;
using StackExchange.Redis;
using WarningDispatch.Service.Identity;

namespace WarningDispatch.Service.Storage.Redis;

/// <summary>
/// The sign-in throttle in Redis, shared by every instance: one sorted set of attempts per account and per address,
/// scored by the service's clock, checked and added to in one script so parallel attempts cannot slip past it.
/// </summary>
public sealed class RedisSignInThrottle(RedisGateway redis, TimeProvider clock, IOptions<SignInThrottleOptions> options)
    : ISignInThrottle
{
    public async Task<TimeSpan?> TryBeginAsync(string account, string address, string attemptId, CancellationToken ct)
    {
        var o = options.Value;
        var wait = (long)await redis.ScriptAsync(RedisScripts.BeginSignIn, Keys(account, address),
        [
            clock.GetUtcNow().ToUnixTimeMilliseconds(), (long)o.Window.TotalMilliseconds, attemptId,
            o.MaxFailuresPerAccount, o.MaxFailuresPerAddress,
        ], ct);
        return wait > 0 ? TimeSpan.FromMilliseconds(wait) : null;
    }

    public Task SucceededAsync(string account, string address, string attemptId, CancellationToken ct) =>
        redis.ScriptAsync(RedisScripts.SignInSucceeded, Keys(account, address), [attemptId], ct);

    static RedisKey[] Keys(string account, string address) =>
        [RedisKeys.SignInAccount(account), RedisKeys.SignInAddress(address)];
}
