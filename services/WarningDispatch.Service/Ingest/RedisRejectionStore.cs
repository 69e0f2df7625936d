using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using WarningDispatch.Domain.Ingest;
using WarningDispatch.Service.Hosting;
using WarningDispatch.Service.Tasks;

namespace WarningDispatch.Service.Ingest;

/// <summary>
/// Rejections in Redis: one hash per rejection (summary, body), an index sorted by arrival, and a byte count. One
/// script keeps it, queues the Rejected feedback, and trims the oldest past the age, count and byte limits — so a
/// flood of large bad messages costs a bounded amount of memory.
/// </summary>
public sealed class RedisRejectionStore(RedisGateway redis, IOptions<RejectionRetention> retention) : IRejectionStore
{
    const int ScanBatch = 200;
    /// <summary>Trimming stops after this many per add; the next adds go on where it stopped.</summary>
    const int MaxTrimmedPerAdd = 64;

    // KEYS: index, byte count, outbox, signal channel. ARGV: id, summary, body, arrival ms, feedback, oldest ms
    // allowed, max count, max bytes, hash key prefix, trim limit.
    const string AddScript = """
        local key = ARGV[9] .. ARGV[1]
        local size = string.len(ARGV[2]) + string.len(ARGV[3])
        redis.call('HSET', key, 'summary', ARGV[2], 'body', ARGV[3], 'size', size)
        redis.call('ZADD', KEYS[1], ARGV[4], ARGV[1])
        local bytes = redis.call('INCRBY', KEYS[2], size)
        redis.call('RPUSH', KEYS[3], ARGV[5])
        redis.call('PUBLISH', KEYS[4], 'outbox')
        local trimmed = 0
        while trimmed < tonumber(ARGV[10]) do
          local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
          if #oldest == 0 then break end
          local count = redis.call('ZCARD', KEYS[1])
          if count <= tonumber(ARGV[7]) and bytes <= tonumber(ARGV[8]) and tonumber(oldest[2]) >= tonumber(ARGV[6])
            then break end
          local old = ARGV[9] .. oldest[1]
          local oldSize = tonumber(redis.call('HGET', old, 'size') or '0')
          redis.call('DEL', old)
          redis.call('ZREM', KEYS[1], oldest[1])
          bytes = redis.call('DECRBY', KEYS[2], oldSize)
          trimmed = trimmed + 1
        end
        return trimmed
        """;

    public Task AddAsync(Rejection rejection, OutboxMessage feedback, CancellationToken ct)
    {
        var limits = retention.Value;
        var at = rejection.ReceivedAt;
        return redis.RunAsync(db => db.ScriptEvaluateAsync(AddScript,
            [RedisKeys.RejectionIndex, RedisKeys.RejectionBytes, RedisKeys.Outbox, RedisKeys.Signal],
            [
                rejection.RejectionId, JsonSerializer.Serialize(rejection.ToSummary(), WireFormat.Options),
                rejection.Body, at.ToUnixTimeMilliseconds(), JsonSerializer.Serialize(feedback, WireFormat.Options),
                (at - limits.MaxAge).ToUnixTimeMilliseconds(), limits.MaxCount, limits.MaxBytes,
                RedisKeys.RejectionPrefix, MaxTrimmedPerAdd,
            ]), ct);
    }

    public async Task<IReadOnlyList<RejectionSummary>> ListAsync(DateTimeOffset? before, int limit,
        Func<RejectionSummary, bool> visible, CancellationToken ct)
    {
        var page = new List<RejectionSummary>();
        var upper = before is { } b ? b.ToUnixTimeMilliseconds() - 1 : double.PositiveInfinity;
        // Scans newest first in batches until the page is full: the viewer's area filter runs on summaries only.
        for (var skip = 0; page.Count < limit; skip += ScanBatch)
        {
            var ids = await redis.RunAsync(db => db.SortedSetRangeByScoreAsync(RedisKeys.RejectionIndex,
                double.NegativeInfinity, upper, Exclude.None, Order.Descending, skip, ScanBatch), ct);
            if (ids.Length == 0) break;
            var summaries = await redis.RunAsync(async db =>
            {
                var batch = db.CreateBatch();
                var reads = ids.Select(id => batch.HashGetAsync(RedisKeys.RejectionPrefix + id, "summary")).ToList();
                batch.Execute();
                return await Task.WhenAll(reads);
            }, ct);
            page.AddRange(summaries.Where(v => !v.IsNull)
                .Select(v => JsonSerializer.Deserialize<RejectionSummary>((string)v!, WireFormat.Options)!)
                .Where(visible).Take(limit - page.Count));
            if (ids.Length < ScanBatch) break;
        }
        return page;
    }

    public async Task<Rejection?> GetAsync(string rejectionId, CancellationToken ct)
    {
        var values = await redis.RunAsync(db => db.HashGetAsync(RedisKeys.RejectionPrefix + rejectionId,
            ["summary", "body"]), ct);
        if (values[0].IsNull) return null;
        var summary = JsonSerializer.Deserialize<RejectionSummary>((string)values[0]!, WireFormat.Options)!;
        return new Rejection(summary, (string?)values[1] ?? "");
    }

    public async Task MarkReplayedAsync(string rejectionId, DateTimeOffset at, string? taskId, CancellationToken ct)
    {
        if (await GetAsync(rejectionId, ct) is not { } rejection) return;
        var summary = rejection.ToSummary() with { ReplayedAt = at, ReplayTaskId = taskId };
        await redis.RunAsync(db => db.HashSetAsync(RedisKeys.RejectionPrefix + rejectionId, "summary",
            JsonSerializer.Serialize(summary, WireFormat.Options)), ct);
    }
}
