namespace WarningDispatch.Domain.Tasks;

/// <summary>
/// When the follow-up visit (回访) falls due (configuration section <c>FollowUp</c>). Handed to the actions that
/// resolve a task, so a changed setting applies to the next task resolved.
/// </summary>
public sealed record FollowUpPolicy(TimeSpan After);
