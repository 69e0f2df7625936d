namespace WarningDispatch.Service.Tasks;

/// <summary>What an index may need to know about the commit besides the task as it is now.</summary>
/// <param name="Created">The commit creates the task.</param>
/// <param name="PreviousAreaIds">The areas the task was in before the change (none on create).</param>
public sealed record TaskIndexChange(bool Created, IReadOnlyList<string> PreviousAreaIds);
