using WarningDispatch.Domain.Tasks;

namespace WarningDispatch.Service.Tasks;

/// <summary>
/// A secondary index over tasks that a feature keeps (reports by day, tasks by person, follow-ups due): registered
/// by the feature, asked at every commit which entries the task has (or no longer has) in it.
/// </summary>
public interface ITaskIndex
{
    /// <param name="task">The task as it is after the change.</param>
    /// <param name="change">Whether the commit creates it, and where it was before.</param>
    IEnumerable<IndexEntry> EntriesFor(DispatchTask task, TaskIndexChange change);
}
