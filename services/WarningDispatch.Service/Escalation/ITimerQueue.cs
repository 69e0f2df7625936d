namespace WarningDispatch.Service.Escalation;

/// <summary>
/// Escalation timers that each fire once: due entries are claimed with a lease and completed after handling. A task's
/// commit replaces its timer and completes the claimed one in the same write, so a firing that changed the task needs
/// no completion of its own.
/// </summary>
public interface ITimerQueue
{
    /// <summary>
    /// Claims up to <paramref name="max"/> entries due by <paramref name="now"/>; a claimed entry whose lease runs out
    /// is due again.
    /// </summary>
    Task<IReadOnlyList<TimerEntry>> ClaimDueAsync(DateTimeOffset now, int max, TimeSpan lease, CancellationToken ct);
    /// <summary>Completes an entry whose firing changed nothing (stale, or nothing due).</summary>
    Task CompleteAsync(TimerEntry entry, CancellationToken ct);
    /// <summary>When the earliest entry is due, or null when there is none.</summary>
    Task<DateTimeOffset?> NextDueAsync(CancellationToken ct);
}
