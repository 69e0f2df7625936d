namespace WarningDispatch.Contracts;

/// <summary>One page of a task search (<c>GET /api/tasks/search</c>), newest first.</summary>
public record TaskPage
{
    public required IReadOnlyList<TaskSnapshot> Items { get; init; }
    /// <summary>From 1.</summary>
    public required int Page { get; init; }
    public required int PageSize { get; init; }
    /// <summary>How many tasks match in all pages.</summary>
    public required long Total { get; init; }
}
