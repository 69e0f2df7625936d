using Microsoft.Extensions.Options;

using WarningDispatch.Service.Identity;

namespace WarningDispatch.Service.Storage.InMemory;

/// <summary>The embedded default: the same sliding window as in Redis, for one process.</summary>
public sealed class InMemorySignInThrottle(TimeProvider clock, IOptions<SignInThrottleOptions> options)
    : ISignInThrottle
{
    readonly Lock _gate = new();
    readonly Dictionary<string, List<(DateTimeOffset At, string Id)>> _attempts = [];

    public Task<TimeSpan?> TryBeginAsync(string account, string address, string attemptId, CancellationToken ct)
    {
        var o = options.Value;
        var now = clock.GetUtcNow();
        (string Key, int Limit)[] keys =
            [("account:" + account, o.MaxFailuresPerAccount), ("address:" + address, o.MaxFailuresPerAddress)];
        lock (_gate)
        {
            var wait = TimeSpan.Zero;
            foreach (var (key, limit) in keys)
            {
                var log = Recent(key, now - o.Window);
                // Another attempt is allowed once the limit-th newest one has left the window.
                if (log.Count >= limit && log[^limit].At + o.Window - now is var left && left > wait) wait = left;
            }
            if (wait > TimeSpan.Zero) return Task.FromResult<TimeSpan?>(wait);
            foreach (var (key, limit) in keys)
            {
                var log = Recent(key, now - o.Window);
                log.Add((now, attemptId));
                if (log.Count > limit) log.RemoveRange(0, log.Count - limit);
            }
            return Task.FromResult<TimeSpan?>(null);
        }
    }

    public Task SucceededAsync(string account, string address, string attemptId, CancellationToken ct)
    {
        lock (_gate)
        {
            _attempts.Remove("account:" + account);
            if (_attempts.TryGetValue("address:" + address, out var log)) log.RemoveAll(a => a.Id == attemptId);
        }
        return Task.CompletedTask;
    }

    /// <summary>The key's attempts after <paramref name="since"/>; drops keys gone quiet, to bound memory.</summary>
    List<(DateTimeOffset At, string Id)> Recent(string key, DateTimeOffset since)
    {
        if (_attempts.Count > 10_000)
            foreach (var stale in _attempts.Where(kv => kv.Value.All(a => a.At <= since)).Select(kv => kv.Key).ToList())
                _attempts.Remove(stale);
        if (!_attempts.TryGetValue(key, out var log)) _attempts[key] = log = [];
        log.RemoveAll(a => a.At <= since);
        return log;
    }
}
