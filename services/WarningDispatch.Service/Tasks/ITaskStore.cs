using WarningDispatch.Contracts;
using WarningDispatch.Domain.Tasks;

namespace WarningDispatch.Service.Tasks;

/// <summary>
/// Tasks with optimistic concurrency. Writing a task, its outbox entries and its next timer happens atomically, so
/// a crash can never leave a task without its feedback or its deadline.
/// </summary>
public interface ITaskStore
{
    /// <summary>
    /// Creates the task unless one exists for its instruction id (atomically); then returns that task's id.
    /// </summary>
    Task<CreateResult> CreateAsync(TaskCommit commit, CancellationToken ct);

    /// <summary>
    /// Writes the task if the stored version is still <see cref="TaskCommit.ExpectedVersion"/>; false on a conflict.
    /// </summary>
    Task<bool> UpdateAsync(TaskCommit commit, CancellationToken ct);

    Task<DispatchTask?> GetAsync(string taskId, CancellationToken ct);
    /// <summary>The tasks of those ids that exist, in the order asked.</summary>
    Task<IReadOnlyList<DispatchTask>> GetManyAsync(IReadOnlyList<string> taskIds, CancellationToken ct);
    Task<string?> FindByInstructionAsync(string instructionId, CancellationToken ct);
    /// <summary>The unresolved tasks: a set bounded by the work in hand (resolved ones are found through indexes).
    /// </summary>
    Task<IReadOnlyList<DispatchTask>> ListActiveAsync(CancellationToken ct);
    /// <summary>Unresolved tasks per officer, for routing to the least loaded.</summary>
    Task<IReadOnlyDictionary<string, int>> OpenTaskCountsAsync(CancellationToken ct);
    /// <summary>How many tasks are in each status, for the metrics.</summary>
    Task<IReadOnlyDictionary<DispatchStatus, long>> CountByStatusAsync(CancellationToken ct);
}
