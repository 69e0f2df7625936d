using WarningDispatch.Service.Feedback;
using WarningDispatch.Service.FraudReports;

namespace WarningDispatch.Service.Storage.InMemory;

/// <summary>
/// Fraud reports in process memory. A new report and its outbox entry are written under one lock, as the Redis script
/// writes both at once; the lists are kept in arrival order.
/// </summary>
public sealed class InMemoryFraudReportStore(InMemoryDispatchStore store) : IFraudReportStore
{
    readonly Lock _gate = new();
    readonly Dictionary<string, StoredFraudReport> _reports = new(StringComparer.Ordinal);
    /// <summary>Report ids in arrival order, once applied, per list (matched or not).</summary>
    readonly List<string> _matched = [], _unmatched = [];

    public Task<bool> RecordAsync(StoredFraudReport report, CancellationToken ct)
    {
        lock (_gate)
        {
            if (!_reports.TryAdd(report.Report.ReportId, report)) return Task.FromResult(false);
            store.Enqueue(new OutboxMessage { FraudReportId = report.Report.ReportId });
        }
        return Task.FromResult(true);
    }

    public Task<StoredFraudReport?> GetAsync(string reportId, CancellationToken ct)
    {
        lock (_gate) return Task.FromResult(_reports.GetValueOrDefault(reportId));
    }

    public Task AppliedAsync(StoredFraudReport report, CancellationToken ct)
    {
        var id = report.Report.ReportId;
        lock (_gate)
        {
            _reports[id] = report;
            _matched.Remove(id);
            _unmatched.Remove(id);
            var list = report.Matched ? _matched : _unmatched;
            var at = list.FindLastIndex(other => _reports[other].ReceivedAt <= report.ReceivedAt);
            list.Insert(at + 1, id);
        }
        return Task.CompletedTask;
    }

    public Task<(IReadOnlyList<StoredFraudReport> Items, long Total)> ListAsync(bool matched, int skip, int take,
        CancellationToken ct)
    {
        lock (_gate)
        {
            var list = matched ? _matched : _unmatched;
            IReadOnlyList<StoredFraudReport> page = list.AsEnumerable().Reverse().Skip(skip).Take(take)
                .Select(id => _reports[id]).ToList();
            return Task.FromResult((page, (long)list.Count));
        }
    }
}
