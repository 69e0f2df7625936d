namespace WarningDispatch.Service.Tasks;

/// <summary>Reads the indexes that commits keep (<see cref="ITaskIndex"/>); each store answers from its own.</summary>
public interface ITaskIndexReader
{
    /// <summary>Members of a sorted index scored in [min, max], by score (highest first when asked), paged.</summary>
    Task<IReadOnlyList<IndexedMember>> RangeAsync(
        string index, double min, double max, bool highestFirst, int skip, int take, CancellationToken ct);

    /// <summary>How many members of a sorted index are scored in [min, max].</summary>
    Task<long> CountAsync(string index, double min, double max, CancellationToken ct);

    /// <summary>Every member and value of the hash indexes named, index after index.</summary>
    Task<IReadOnlyList<KeyValuePair<string, string>>> ValuesAsync(IReadOnlyList<string> indexes, CancellationToken ct);
}
