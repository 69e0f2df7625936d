namespace WarningDispatch.Service.Tasks;

/// <summary>
/// One entry that a task's commit writes to (or removes from) a secondary index, atomically with the task, so an
/// index never disagrees with the tasks it points to. Index names are the service's own (a day, a keyed hash, a
/// constant), never text from outside.
/// </summary>
public sealed record IndexEntry(IndexKind Kind, string Index, string Member, double Score, string? Value, bool Remove)
{
    public static IndexEntry Sorted(string index, string member, double score) =>
        new(IndexKind.Sorted, index, member, score, null, Remove: false);

    public static IndexEntry Hash(string index, string member, string value) =>
        new(IndexKind.Hash, index, member, 0, value, Remove: false);

    public static IndexEntry Without(IndexKind kind, string index, string member) =>
        new(kind, index, member, 0, null, Remove: true);
}
