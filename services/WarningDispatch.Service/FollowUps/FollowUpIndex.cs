using WarningDispatch.Domain.Tasks;
using WarningDispatch.Service.Tasks;

namespace WarningDispatch.Service.FollowUps;

/// <summary>
/// The pending follow-up visits by due time, per police post (its officers' list) and per area (the duty officers'):
/// a task enters when resolved with a follow-up and leaves when it is recorded, so a list reads only its own.
/// </summary>
public sealed class FollowUpIndex : ITaskIndex
{
    public static string Post(string postId) => "followups:post:" + postId;
    public static string Area(string areaId) => "followups:area:" + areaId;

    public IEnumerable<IndexEntry> EntriesFor(DispatchTask task, TaskIndexChange change)
    {
        // A resolved task no longer moves between posts or areas: it is listed where it was resolved (a task resolved
        // with its case before it reached a post is its area's alone).
        if (task.FollowUpDueAt is not { } due) yield break;
        var names = task.AreaIds.Select(Area);
        if (task.PostId is { } post) names = names.Prepend(Post(post));
        foreach (var name in names)
            yield return task.FollowUp is null
                ? IndexEntry.Sorted(name, task.TaskId, due.ToUnixTimeMilliseconds())
                : IndexEntry.Without(IndexKind.Sorted, name, task.TaskId);
    }
}
