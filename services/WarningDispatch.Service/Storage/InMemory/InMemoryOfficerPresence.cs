using System.Collections.Concurrent;
using WarningDispatch.Service.Officers;

namespace WarningDispatch.Service.Storage.InMemory;

public sealed class InMemoryOfficerPresence : IOfficerPresence
{
    readonly ConcurrentDictionary<string, int> _connections = new();

    public Task ConnectedAsync(string officerId, CancellationToken ct)
    {
        _connections.AddOrUpdate(officerId, 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }

    public Task DisconnectedAsync(string officerId, CancellationToken ct)
    {
        _connections.AddOrUpdate(officerId, 0, (_, n) => Math.Max(0, n - 1));
        return Task.CompletedTask;
    }

    public Task<IReadOnlySet<string>> OnlineAsync(CancellationToken ct) =>
        Task.FromResult<IReadOnlySet<string>>(_connections.Where(kv => kv.Value > 0).Select(kv => kv.Key).ToHashSet());
}
