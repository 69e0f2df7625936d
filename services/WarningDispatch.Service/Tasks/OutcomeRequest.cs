namespace WarningDispatch.Service.Tasks;

/// <summary>The body of <c>POST /api/tasks/{taskId}/outcome</c>; an amount only with money protected or lost.</summary>
public sealed record OutcomeRequest(string? ActionId, string? Outcome, decimal? Amount);
