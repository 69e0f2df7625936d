namespace WarningDispatch.Service.Tasks;

/// <summary>The body of <c>POST /api/tasks/{taskId}/notes</c>: the officer's free text (personal data, never logged).
/// </summary>
public sealed record NoteRequest(string? ActionId, string? Text);
