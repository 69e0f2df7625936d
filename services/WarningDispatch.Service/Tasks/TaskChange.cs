namespace WarningDispatch.Service.Tasks;

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
