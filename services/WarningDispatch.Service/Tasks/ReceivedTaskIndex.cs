using WarningDispatch.Domain.Tasks;

namespace WarningDispatch.Service.Tasks;

/// <summary>
/// The tasks of each area by when they were received: a duty officer finds closed tasks of their area by date range,
/// a page at a time, without reading other areas' tasks. A task that moves to another area moves here too.
/// </summary>
public sealed class ReceivedTaskIndex : ITaskIndex
{
    public static string Name(string areaId) => "received:" + areaId;

    public IEnumerable<IndexEntry> EntriesFor(DispatchTask task, TaskIndexChange change)
    {
        var received = task.ReceivedAt.ToUnixTimeMilliseconds();
        foreach (var area in task.AreaIds.Except(change.PreviousAreaIds))
            yield return IndexEntry.Sorted(Name(area), task.TaskId, received);
        foreach (var area in change.PreviousAreaIds.Except(task.AreaIds))
            yield return IndexEntry.Without(IndexKind.Sorted, Name(area), task.TaskId);
    }
}
