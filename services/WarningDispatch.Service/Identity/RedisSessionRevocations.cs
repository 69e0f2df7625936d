using Microsoft.Extensions.Options;
using WarningDispatch.Service.Hosting;

namespace WarningDispatch.Service.Identity;

/// <summary>
/// Revoked sessions in Redis, one key each with a time-to-live, so a logout on one instance ends the session on all.
/// </summary>
public sealed class RedisSessionRevocations(RedisGateway redis, IOptions<SessionOptions> options) : ISessionRevocations
{
    static string Key(string sessionId) => $"{RedisKeys.Prefix}session:revoked:{sessionId}";

    public Task RevokeAsync(string sessionId, CancellationToken ct) =>
        redis.RunAsync(db => db.StringSetAsync(Key(sessionId), "1", options.Value.RevocationLifetime), ct);

    public Task<bool> IsRevokedAsync(string sessionId, CancellationToken ct) =>
        redis.RunAsync(db => db.KeyExistsAsync(Key(sessionId)), ct);
}
