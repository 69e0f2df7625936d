using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

using WarningDispatch.Service.Identity;
using SessionOptions = WarningDispatch.Service.Identity.SessionOptions;

namespace WarningDispatch.Service.Storage.InMemory;

/// <summary>The embedded default, for one process; entries lapse when no token can carry them any more.</summary>
public sealed class InMemorySessionRevocations(TimeProvider clock, IOptions<SessionOptions> options)
    : ISessionRevocations
{
    readonly ConcurrentDictionary<string, DateTimeOffset> _revoked = new();

    public Task RevokeAsync(string sessionId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        foreach (var (id, until) in _revoked)
            if (until <= now) _revoked.TryRemove(id, out _);
        _revoked[sessionId] = now + options.Value.RevocationLifetime;
        return Task.CompletedTask;
    }

    public Task<bool> IsRevokedAsync(string sessionId, CancellationToken ct) =>
        Task.FromResult(_revoked.TryGetValue(sessionId, out var until) && until > clock.GetUtcNow());
}
