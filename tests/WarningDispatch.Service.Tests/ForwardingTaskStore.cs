using WarningDispatch.Contracts;
using WarningDispatch.Domain.Tasks;
using WarningDispatch.Service.Tasks;

namespace WarningDispatch.Service.Tests;

/// <summary>A task store that hands every call to the real one; a test overrides only what it records.</summary>
public abstract class ForwardingTaskStore(ITaskStore inner) : ITaskStore
{
    public virtual Task<CreateResult> CreateAsync(TaskCommit commit, CancellationToken ct) =>
        inner.CreateAsync(commit, ct);
    public virtual Task<bool> UpdateAsync(TaskCommit commit, CancellationToken ct) => inner.UpdateAsync(commit, ct);
    public virtual Task<DispatchTask?> GetAsync(string taskId, CancellationToken ct) => inner.GetAsync(taskId, ct);
    public virtual Task<IReadOnlyList<DispatchTask>> GetManyAsync(IReadOnlyList<string> taskIds,
        CancellationToken ct) => inner.GetManyAsync(taskIds, ct);
    public virtual Task<string?> FindByInstructionAsync(string instructionId, CancellationToken ct) =>
        inner.FindByInstructionAsync(instructionId, ct);
    public virtual Task<IReadOnlyList<DispatchTask>> ListActiveAsync(CancellationToken ct) =>
        inner.ListActiveAsync(ct);
    public virtual Task<IReadOnlyDictionary<string, int>> OpenTaskCountsAsync(CancellationToken ct) =>
        inner.OpenTaskCountsAsync(ct);
    public virtual Task<IReadOnlyDictionary<DispatchStatus, long>> CountByStatusAsync(CancellationToken ct) =>
        inner.CountByStatusAsync(ct);
}
