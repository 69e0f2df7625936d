using Microsoft.Extensions.Options;
using WarningDispatch.Service.Feedback;
using WarningDispatch.Service.Ingest;
using WarningDispatch.Service.Reports;

namespace WarningDispatch.Service.Storage.InMemory;

public sealed class InMemoryRejectionStore(InMemoryDispatchStore store, IOptions<RejectionRetention> retention,
    IOptions<ReportingOptions> reporting) : IRejectionStore
{
    readonly Lock _gate = new();
    /// <summary>Oldest first, as they arrived.</summary>
    readonly List<Rejection> _rejections = [];
    long _bytes;
    /// <summary>Rejected instructions per local day and area (<see cref="RejectedCounts"/>); never trimmed.</summary>
    readonly Dictionary<(DateOnly Day, string Field), long> _rejectedPerDay = [];

    public Task AddAsync(Rejection rejection, OutboxMessage? feedback, CancellationToken ct)
    {
        var limits = retention.Value;
        lock (_gate)
        {
            _rejections.Add(rejection);
            var day = reporting.Value.DayOf(rejection.ReceivedAt);
            foreach (var field in RejectedCounts.FieldsOf(rejection))
                _rejectedPerDay[(day, field)] = _rejectedPerDay.GetValueOrDefault((day, field)) + 1;
            _bytes += Size(rejection);
            var cutoff = rejection.ReceivedAt - limits.MaxAge;
            while (_rejections.Count > 0 && (_rejections.Count > limits.MaxCount || _bytes > limits.MaxBytes ||
                                             _rejections[0].ReceivedAt < cutoff))
            {
                _bytes -= Size(_rejections[0]);
                _rejections.RemoveAt(0);
            }
        }
        if (feedback is not null) store.Enqueue(feedback);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<RejectionSummary>> ListAsync(DateTimeOffset? before, int limit,
        Func<RejectionSummary, bool> visible, CancellationToken ct)
    {
        lock (_gate)
        {
            IReadOnlyList<RejectionSummary> page = _rejections.AsEnumerable().Reverse().Select(r => r.ToSummary())
                .Where(s => before is null || s.ReceivedAt < before).Where(visible).Take(limit).ToList();
            return Task.FromResult(page);
        }
    }

    public Task<long> CountRejectedAsync(IReadOnlyList<DateOnly> days, IReadOnlyList<string> fields,
        CancellationToken ct)
    {
        lock (_gate)
            return Task.FromResult(days.Sum(d => fields.Sum(f => _rejectedPerDay.GetValueOrDefault((d, f)))));
    }

    public Task<Rejection?> GetAsync(string rejectionId, CancellationToken ct)
    {
        lock (_gate) return Task.FromResult(_rejections.FirstOrDefault(r => r.RejectionId == rejectionId));
    }

    public Task MarkReplayedAsync(string rejectionId, DateTimeOffset at, string? taskId, CancellationToken ct)
    {
        lock (_gate)
        {
            var i = _rejections.FindIndex(r => r.RejectionId == rejectionId);
            if (i >= 0)
                _rejections[i] = _rejections[i] with { ReplayedAt = at, ReplayTaskId = taskId };
        }
        return Task.CompletedTask;
    }

    /// <summary>As the Redis store counts: the body's UTF-8 bytes and about a summary's.</summary>
    static long Size(Rejection r) => System.Text.Encoding.UTF8.GetByteCount(r.Body) + 512;
}
