using WarningDispatch.Service.Feedback;

namespace WarningDispatch.Service.Ingest;

/// <summary>Kept rejections, newest first, trimmed by age, count and bytes as each new one is added.</summary>
public interface IRejectionStore
{
    /// <summary>
    /// Keeps the rejection and queues its Rejected feedback (if it has one: an update has none) in one write, then
    /// trims the oldest.
    /// </summary>
    Task AddAsync(Rejection rejection, OutboxMessage? feedback, CancellationToken ct);

    /// <summary>Up to <paramref name="limit"/> visible summaries received before <paramref name="before"/>.</summary>
    Task<IReadOnlyList<RejectionSummary>> ListAsync(DateTimeOffset? before, int limit,
        Func<RejectionSummary, bool> visible, CancellationToken ct);

    Task<Rejection?> GetAsync(string rejectionId, CancellationToken ct);
    /// <summary>
    /// Rejected instructions of the local <paramref name="days"/> counted under any of <paramref name="fields"/>
    /// (see <see cref="Reports.RejectedCounts"/>): a per-day counter written with each rejection.
    /// </summary>
    Task<long> CountRejectedAsync(IReadOnlyList<DateOnly> days, IReadOnlyList<string> fields, CancellationToken ct);

    Task MarkReplayedAsync(string rejectionId, DateTimeOffset at, string? taskId, CancellationToken ct);
}
