namespace WarningDispatch.Service.Escalation;

/// <summary>
/// Escalation timers that each fire once: due entries are claimed with a lease and completed after handling.
/// </summary>
public interface ITimerQueue
{
    /// <summary>
    /// Claims up to <paramref name="max"/> entries due by <paramref name="now"/>; a claimed entry whose lease runs out
    /// is due again.
    /// </summary>
    Task<IReadOnlyList<TimerEntry>> ClaimDueAsync(DateTimeOffset now, int max, TimeSpan lease, CancellationToken ct);
    Task CompleteAsync(TimerEntry entry, CancellationToken ct);
    /// <summary>When the earliest entry is due, or null when there is none.</summary>
    Task<DateTimeOffset?> NextDueAsync(CancellationToken ct);
}
