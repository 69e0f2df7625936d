using WarningDispatch.Contracts;

namespace WarningDispatch.Service.Reports;

/// <summary>
/// Today's summary per (area, from, to), shared for <see cref="Window"/>: every board re-reads its counters while
/// tasks change, so N boards of one area would otherwise cost N reads of the day's facts. Only the endpoint's no-date
/// request (what the board asks) comes here, after its authorisation: the key is an area the caller may see.
/// </summary>
public sealed class ReportSummaryCache(ReportReader reader, TimeProvider clock)
{
    /// <summary>How long a summary is served; board.js waits as long after a change before it re-reads.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(2);

    readonly Dictionary<(string AreaId, DateOnly From, DateOnly To), Entry> _entries = [];
    readonly Lock _gate = new();

    /// <summary>Taken when the read starts, so the figures are at least as new as <see cref="ReadAt"/>.</summary>
    sealed record Entry(DateTimeOffset ReadAt, Lazy<Task<ReportSummary>> Summary)
    {
        public bool ServesAt(DateTimeOffset now) => now - ReadAt < Window
            && !(Summary.IsValueCreated && Summary.Value is { IsFaulted: true } or { IsCanceled: true });
    }

    public Task<ReportSummary> SummaryAsync(DayRange range, string areaId, CancellationToken ct)
    {
        var key = (areaId, range.From, range.To);
        Entry? entry;
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            if (!_entries.TryGetValue(key, out entry) || !entry.ServesAt(now))
            {
                foreach (var old in _entries.Where(e => !e.Value.ServesAt(now)).Select(e => e.Key).ToList())
                    _entries.Remove(old);
                // Not the caller's token: the read is shared, and one board going away must not fail the others'.
                entry = new Entry(now, new(() => reader.SummaryAsync(range, areaId, CancellationToken.None)));
                _entries[key] = entry;
            }
        }
        return entry.Summary.Value.WaitAsync(ct);
    }
}
