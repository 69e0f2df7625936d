namespace WarningDispatch.Service.Tasks;

/// <summary>The body of <c>POST /api/tasks/{taskId}/call-result</c>.</summary>
public sealed record CallResultRequest(string? ActionId, string? Result);
