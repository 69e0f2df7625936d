using System.Globalization;
using System.Text.Json;
using WarningDispatch.Domain.Ingest;
using WarningDispatch.Service.Feedback;

namespace WarningDispatch.Service.Storage.Redis;

/// <summary>The outbox as a Redis list, appended by the commit scripts; the lead instance holds a lease key.</summary>
public sealed class RedisOutbox(RedisGateway redis) : IOutbox
{
    public async Task<bool> TryLeadAsync(string instanceId, TimeSpan lease, CancellationToken ct)
    {
        var result = await redis.ScriptAsync(RedisScripts.LeadOutbox, [RedisKeys.OutboxLead],
            [instanceId, ((long)lease.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)], ct);
        return (int)result == 1;
    }

    public async Task<IReadOnlyList<OutboxMessage>> PendingAsync(int max, CancellationToken ct)
    {
        var values = await redis.RunAsync(db => db.ListRangeAsync(RedisKeys.Outbox, 0, max - 1), ct);
        return values.Select(v =>
            JsonSerializer.Deserialize<OutboxMessage>(((ReadOnlyMemory<byte>)v).Span, WireFormat.Options)!).ToList();
    }

    public async Task<long> RemoveFirstAsync(int count, CancellationToken ct) =>
        (long)await redis.ScriptAsync(RedisScripts.TrimOutbox, [RedisKeys.Outbox], [count], ct);
}
