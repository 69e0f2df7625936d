using System.Text.Json;
using StackExchange.Redis;
using WarningDispatch.Domain.Ingest;
using WarningDispatch.Service.Hosting;
using WarningDispatch.Service.Tasks;

namespace WarningDispatch.Service.Ingest;

/// <summary>Rejections in Redis, written with their Rejected feedback in one script.</summary>
public sealed class RedisRejectionStore(RedisGateway redis) : IRejectionStore
{
    const int Listed = 500;

    const string AddScript = """
        redis.call('SET', 'wd:rejection:' .. ARGV[1], ARGV[2])
        redis.call('LPUSH', 'wd:rejections', ARGV[1])
        redis.call('RPUSH', 'wd:outbox', ARGV[3])
        redis.call('PUBLISH', 'wd:signal', 'outbox')
        return 1
        """;

    public Task AddAsync(Rejection rejection, OutboxMessage feedback, CancellationToken ct) =>
        redis.ScriptAsync(AddScript, [rejection.RejectionId, JsonSerializer.Serialize(rejection, WireFormat.Options), JsonSerializer.Serialize(feedback, WireFormat.Options)], ct);

    public async Task<IReadOnlyList<Rejection>> ListAsync(CancellationToken ct)
    {
        var ids = await redis.RunAsync(db => db.ListRangeAsync(RedisKeys.Rejections, 0, Listed - 1), ct);
        if (ids.Length == 0) return [];
        var values = await redis.RunAsync(db => db.StringGetAsync(ids.Select(id => (RedisKey)RedisKeys.Rejection((string)id!)).ToArray()), ct);
        return values.Where(v => !v.IsNull).Select(v => JsonSerializer.Deserialize<Rejection>((string)v!, WireFormat.Options)!).ToList();
    }

    public async Task<Rejection?> GetAsync(string rejectionId, CancellationToken ct)
    {
        var value = await redis.RunAsync(db => db.StringGetAsync(RedisKeys.Rejection(rejectionId)), ct);
        return value.IsNull ? null : JsonSerializer.Deserialize<Rejection>((string)value!, WireFormat.Options);
    }

    public async Task MarkReplayedAsync(string rejectionId, DateTimeOffset at, string? taskId, CancellationToken ct)
    {
        if (await GetAsync(rejectionId, ct) is not { } rejection) return;
        var updated = rejection with { ReplayedAt = at, ReplayTaskId = taskId };
        await redis.RunAsync(db => db.StringSetAsync(RedisKeys.Rejection(rejectionId), JsonSerializer.Serialize(updated, WireFormat.Options)), ct);
    }
}
