using Microsoft.Extensions.Options;
using WarningDispatch.Service.Identity;
using SessionOptions = WarningDispatch.Service.Identity.SessionOptions;

namespace WarningDispatch.Service.Storage.Redis;

/// <summary>
/// Revoked sessions in Redis, one key each with a time-to-live, so a logout on one instance ends the session on all.
/// </summary>
public sealed class RedisSessionRevocations(RedisGateway redis, IOptions<SessionOptions> options) : ISessionRevocations
{
    public Task RevokeAsync(string sessionId, CancellationToken ct) =>
        redis.RunAsync(db => db.StringSetAsync(RedisKeys.RevokedSession(sessionId), "1",
            options.Value.RevocationLifetime), ct);

    public Task<bool> IsRevokedAsync(string sessionId, CancellationToken ct) =>
        redis.RunAsync(db => db.KeyExistsAsync(RedisKeys.RevokedSession(sessionId)), ct);
}
