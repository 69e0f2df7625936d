using WarningDispatch.Contracts;
using WarningDispatch.Domain.Tasks;

namespace WarningDispatch.Service.Tasks;

/// <summary>
/// Something to publish after a write, stored with the write itself (a transactional outbox): feedback for upstream,
/// or a changed task for the consoles. A dispatcher publishes entries in order and only then removes them.
/// </summary>
public sealed record OutboxMessage
{
    public InstructionStatusChanged? Feedback { get; init; }
    public TaskChange? TaskChanged { get; init; }
    /// <summary>W3C trace context of the change, so the publish and the push join the ingest trace.</summary>
    public string? TraceParent { get; init; }

    /// <summary>Entries of one task (or one rejected instruction) must go out in order; different tasks need not.</summary>
    public string OrderingKey => TaskChanged?.TaskId ?? Feedback?.TaskId ?? Feedback?.InstructionId ?? "";
}

/// <summary>
/// Announces a committed change of a task to every instance, so each pushes it to the consoles connected to it. It
/// names the version, not the whole task: the instance that made the change has pushed it already, and the others
/// read the task from the store (a small message keeps the commit, the outbox and the broker light).
/// </summary>
public sealed record TaskChange
{
    public required string TaskId { get; init; }
    public required int Version { get; init; }
    /// <summary>Who had the task before this change, so their console can let go of it.</summary>
    public string? PreviousOfficerId { get; init; }
    public IReadOnlyList<string> PreviousAreaIds { get; init; } = [];
}

/// <summary>A wake-up for the escalation ladder, valid only for the task version it was set for.</summary>
public sealed record TimerEntry(string TaskId, int Version, DateTimeOffset DueAt);

/// <summary>Everything one change of a task writes, all or nothing.</summary>
public sealed record TaskCommit(DispatchTask Task, int ExpectedVersion, IReadOnlyList<OutboxMessage> Outbox, TimerEntry? WakeUp)
{
    public TaskChange Announcement => Outbox.Select(m => m.TaskChanged).OfType<TaskChange>().Single();
}

public enum CreateOutcome { Created, Duplicate }

public readonly record struct CreateResult(CreateOutcome Outcome, string TaskId);

/// <summary>
/// Tasks with optimistic concurrency. Writing a task, its outbox entries and its next timer happens atomically, so
/// a crash can never leave a task without its feedback or its deadline.
/// </summary>
public interface ITaskStore
{
    /// <summary>Creates the task unless one exists for its instruction id (atomically); then returns that task's id.</summary>
    Task<CreateResult> CreateAsync(TaskCommit commit, CancellationToken ct);

    /// <summary>Writes the task if the stored version is still <see cref="TaskCommit.ExpectedVersion"/>; false on a conflict.</summary>
    Task<bool> UpdateAsync(TaskCommit commit, CancellationToken ct);

    Task<DispatchTask?> GetAsync(string taskId, CancellationToken ct);
    Task<string?> FindByInstructionAsync(string instructionId, CancellationToken ct);
    Task<IReadOnlyList<DispatchTask>> ListAsync(bool activeOnly, CancellationToken ct);
    /// <summary>Unresolved tasks per officer, for routing to the least loaded.</summary>
    Task<IReadOnlyDictionary<string, int>> OpenTaskCountsAsync(CancellationToken ct);
    /// <summary>How many tasks are in each status, for the metrics.</summary>
    Task<IReadOnlyDictionary<DispatchStatus, long>> CountByStatusAsync(CancellationToken ct);
}

/// <summary>Escalation timers that each fire once: due entries are claimed with a lease and completed after handling.</summary>
public interface ITimerQueue
{
    /// <summary>Claims up to <paramref name="max"/> entries due by <paramref name="now"/>; a claimed entry whose lease runs out is due again.</summary>
    Task<IReadOnlyList<TimerEntry>> ClaimDueAsync(DateTimeOffset now, int max, TimeSpan lease, CancellationToken ct);
    Task CompleteAsync(TimerEntry entry, CancellationToken ct);
    /// <summary>When the earliest entry is due, or null when there is none.</summary>
    Task<DateTimeOffset?> NextDueAsync(CancellationToken ct);
    Task<long> PendingCountAsync(CancellationToken ct);
}

/// <summary>
/// What is still to be published, oldest first. One instance at a time drains it (the lead), so feedback for an
/// instruction leaves in the order it was written, whichever instance wrote it.
/// </summary>
public interface IOutbox
{
    /// <summary>Takes or keeps the lead for <paramref name="lease"/>; false while another instance holds it.</summary>
    Task<bool> TryLeadAsync(string instanceId, TimeSpan lease, CancellationToken ct);
    Task<IReadOnlyList<OutboxMessage>> PendingAsync(int max, CancellationToken ct);
    /// <summary>Removes the first <paramref name="count"/> entries, after they went out.</summary>
    Task RemoveFirstAsync(int count, CancellationToken ct);
    Task<long> PendingCountAsync(CancellationToken ct);
}

/// <summary>Wakes the background loops right after a write instead of letting them poll.</summary>
public sealed class DispatchSignals
{

    public AsyncSignal Outbox { get; } = new();
    public AsyncSignal Timers { get; } = new();
}

public sealed class AsyncSignal
{
    readonly SemaphoreSlim _signal = new(0, 1);

    public void Set()
    {
        try { if (_signal.CurrentCount == 0) _signal.Release(); }
        catch (SemaphoreFullException) { }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken ct)
    {
        if (timeout <= TimeSpan.Zero) return Task.FromResult(true);
        return WaitCore(timeout, clock, ct);
    }

    async Task<bool> WaitCore(TimeSpan timeout, TimeProvider clock, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var delay = Task.Delay(timeout, clock, cts.Token);
        var signalled = _signal.WaitAsync(cts.Token);
        var first = await Task.WhenAny(delay, signalled);
        await cts.CancelAsync();
        try { await signalled; return true; } catch (OperationCanceledException) { ct.ThrowIfCancellationRequested(); }
        try { await delay; } catch (OperationCanceledException) { }
        return first == signalled;
    }
}
