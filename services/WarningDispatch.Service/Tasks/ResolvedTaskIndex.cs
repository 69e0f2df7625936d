using WarningDispatch.Domain.Tasks;

namespace WarningDispatch.Service.Tasks;

/// <summary>Resolved tasks by when they were resolved: a console's "done today" without reading every task.</summary>
public sealed class ResolvedTaskIndex : ITaskIndex
{
    public const string Name = "resolved";

    public IEnumerable<IndexEntry> EntriesFor(DispatchTask task, TaskIndexChange change) =>
        task.ResolvedAt is { } at ? [IndexEntry.Sorted(Name, task.TaskId, at.ToUnixTimeMilliseconds())] : [];
}
