using System.Text.Json;
using StackExchange.Redis;
using WarningDispatch.Domain.Ingest;
using WarningDispatch.Service.Feedback;
using WarningDispatch.Service.FraudReports;

namespace WarningDispatch.Service.Storage.Redis;

/// <summary>
/// Fraud reports in Redis: one key per report id (set only if absent: the idempotency), written by one script with
/// the outbox entry that applies it; once applied, its id in the matched or the unmatched sorted set by arrival.
/// </summary>
public sealed class RedisFraudReportStore(RedisGateway redis) : IFraudReportStore
{
    public async Task<bool> RecordAsync(StoredFraudReport report, CancellationToken ct)
    {
        var entry = new OutboxMessage { FraudReportId = report.Report.ReportId };
        var result = await redis.ScriptAsync(RedisScripts.RecordFraudReport,
            [RedisKeys.FraudReport(report.Report.ReportId), RedisKeys.Outbox],
            [
                JsonSerializer.Serialize(report, WireFormat.Options),
                JsonSerializer.Serialize(entry, WireFormat.Options), RedisKeys.SignalName,
            ], ct);
        return (int)result == 1;
    }

    public async Task<StoredFraudReport?> GetAsync(string reportId, CancellationToken ct)
    {
        var json = await redis.RunAsync(db => db.StringGetAsync(RedisKeys.FraudReport(reportId)), ct);
        return json.IsNull ? null : JsonSerializer.Deserialize<StoredFraudReport>((string)json!, WireFormat.Options);
    }

    public Task AppliedAsync(StoredFraudReport report, CancellationToken ct)
    {
        var (list, other) = report.Matched
            ? (RedisKeys.FraudReportsMatched, RedisKeys.FraudReportsUnmatched)
            : (RedisKeys.FraudReportsUnmatched, RedisKeys.FraudReportsMatched);
        return redis.ScriptAsync(RedisScripts.ApplyFraudReport,
            [RedisKeys.FraudReport(report.Report.ReportId), list, other],
            [
                JsonSerializer.Serialize(report, WireFormat.Options), report.Report.ReportId,
                report.ReceivedAt.ToUnixTimeMilliseconds(),
            ], ct);
    }

    public async Task<(IReadOnlyList<StoredFraudReport> Items, long Total)> ListAsync(bool matched, int skip,
        int take, CancellationToken ct)
    {
        var list = matched ? RedisKeys.FraudReportsMatched : RedisKeys.FraudReportsUnmatched;
        var (ids, total) = await redis.RunAsync(async db =>
        {
            var page = db.SortedSetRangeByRankAsync(list, skip, skip + take - 1, Order.Descending);
            var count = db.SortedSetLengthAsync(list);
            return (await page, await count);
        }, ct);
        if (ids.Length == 0) return ([], total);
        var values = await redis.RunAsync(db => db.StringGetAsync(
            ids.Select(id => RedisKeys.FraudReport((string)id!)).ToArray()), ct);
        var reports = values.Where(v => !v.IsNull)
            .Select(v => JsonSerializer.Deserialize<StoredFraudReport>((string)v!, WireFormat.Options)!).ToList();
        return (reports, total);
    }
}
