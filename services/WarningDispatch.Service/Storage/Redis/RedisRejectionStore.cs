using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using WarningDispatch.Domain.Ingest;
using WarningDispatch.Service.Feedback;
using WarningDispatch.Service.Ingest;
using WarningDispatch.Service.Reports;

namespace WarningDispatch.Service.Storage.Redis;

/// <summary>
/// Rejections in Redis: summaries and bodies in two hashes by rejection id, an index sorted by arrival, and a byte
/// count. One script keeps a rejection, queues the Rejected feedback, and trims the oldest past the age, count and
/// byte limits — so a flood of large bad messages costs a bounded amount of memory. Fixed keys (no key per
/// rejection) let the trimming script receive every key it touches through <c>KEYS</c>.
/// </summary>
public sealed class RedisRejectionStore(RedisGateway redis, IOptions<RejectionRetention> retention,
    IOptions<ReportingOptions> reporting) : IRejectionStore
{
    const int ScanBatch = 200;
    /// <summary>Trimming stops after this many per add; the next adds go on where it stopped.</summary>
    const int MaxTrimmedPerAdd = 64;

    public Task AddAsync(Rejection rejection, OutboxMessage? feedback, CancellationToken ct)
    {
        var limits = retention.Value;
        var at = rejection.ReceivedAt;
        return redis.ScriptAsync(RedisScripts.AddRejection,
            [
                RedisKeys.RejectionIndex, RedisKeys.RejectionBytes, RedisKeys.RejectionSummaries,
                RedisKeys.RejectionBodies, RedisKeys.RejectionSizes, RedisKeys.Outbox,
                RedisKeys.RejectedPerDay(reporting.Value.DayOf(at)),
            ],
            [
                rejection.RejectionId, JsonSerializer.Serialize(rejection.ToSummary(), WireFormat.Options),
                rejection.Body, at.ToUnixTimeMilliseconds(),
                feedback is null ? "" : JsonSerializer.Serialize(feedback, WireFormat.Options),
                (at - limits.MaxAge).ToUnixTimeMilliseconds(), limits.MaxCount, limits.MaxBytes, MaxTrimmedPerAdd,
                RedisKeys.SignalName, string.Join(',', RejectedCounts.FieldsOf(rejection)),
            ], ct);
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
            var summaries = await redis.RunAsync(db => db.HashGetAsync(RedisKeys.RejectionSummaries, ids), ct);
            page.AddRange(summaries.Where(v => !v.IsNull)
                .Select(v => JsonSerializer.Deserialize<RejectionSummary>((string)v!, WireFormat.Options)!)
                .Where(visible).Take(limit - page.Count));
            if (ids.Length < ScanBatch) break;
        }
        return page;
    }

    public async Task<long> CountRejectedAsync(IReadOnlyList<DateOnly> days, IReadOnlyList<string> fields,
        CancellationToken ct)
    {
        var names = fields.Select(f => (RedisValue)f).ToArray();
        var counts = await redis.RunAsync(db =>
        {
            var batch = db.CreateBatch();
            var reads = days.Select(d => batch.HashGetAsync(RedisKeys.RejectedPerDay(d), names)).ToList();
            batch.Execute();
            return Task.WhenAll(reads);
        }, ct);
        return counts.SelectMany(c => c).Where(v => !v.IsNull).Sum(v => (long)v);
    }

    public async Task<Rejection?> GetAsync(string rejectionId, CancellationToken ct)
    {
        var (summary, body) = await redis.RunAsync(async db =>
        {
            var s = db.HashGetAsync(RedisKeys.RejectionSummaries, rejectionId);
            var b = db.HashGetAsync(RedisKeys.RejectionBodies, rejectionId);
            return (await s, await b);
        }, ct);
        if (summary.IsNull) return null;
        return new Rejection(JsonSerializer.Deserialize<RejectionSummary>((string)summary!, WireFormat.Options)!,
            (string?)body ?? "");
    }

    public async Task MarkReplayedAsync(string rejectionId, DateTimeOffset at, string? taskId, CancellationToken ct)
    {
        if (await GetAsync(rejectionId, ct) is not { } rejection) return;
        var summary = rejection.ToSummary() with { ReplayedAt = at, ReplayTaskId = taskId };
        await redis.RunAsync(db => db.HashSetAsync(RedisKeys.RejectionSummaries, rejectionId,
            JsonSerializer.Serialize(summary, WireFormat.Options)), ct);
    }
}
