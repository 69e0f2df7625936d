namespace WarningDispatch.Service.Tasks;

/// <summary>The body of <c>POST /api/tasks/{taskId}/assign</c>.</summary>
public sealed record AssignRequest(string? ActionId, string? OfficerId);
