using System.Globalization;
using System.Text.Json;
using WarningDispatch.Domain.Ingest;
using WarningDispatch.Service.Hosting;
using WarningDispatch.Service.Tasks;

namespace WarningDispatch.Service.Feedback;

/// <summary>The outbox as a Redis list, appended by the commit scripts; the lead instance holds a lease key.</summary>
public sealed class RedisOutbox(RedisGateway redis) : IOutbox
{
    const string LeadScript = """
        local holder = redis.call('GET', KEYS[1])
        if holder == false or holder == ARGV[1] then
          redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
          return 1
        end
        return 0
        """;

    public async Task<bool> TryLeadAsync(string instanceId, TimeSpan lease, CancellationToken ct)
    {
        var result = await redis.RunAsync(db => db.ScriptEvaluateAsync(LeadScript, [RedisKeys.OutboxLead],
            [instanceId, ((long)lease.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)]), ct);
        return (int)result == 1;
    }

    public async Task<IReadOnlyList<OutboxMessage>> PendingAsync(int max, CancellationToken ct)
    {
        var values = await redis.RunAsync(db => db.ListRangeAsync(RedisKeys.Outbox, 0, max - 1), ct);
        return values.Select(v => JsonSerializer.Deserialize<OutboxMessage>((string)v!, WireFormat.Options)!).ToList();
    }

    public Task RemoveFirstAsync(int count, CancellationToken ct) =>
        redis.RunAsync(db => db.ListTrimAsync(RedisKeys.Outbox, count, -1), ct);

    public Task<long> PendingCountAsync(CancellationToken ct) =>
        redis.RunAsync(db => db.ListLengthAsync(RedisKeys.Outbox), ct);
}
