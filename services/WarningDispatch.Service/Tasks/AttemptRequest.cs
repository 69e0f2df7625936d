using System.Text.Json;

namespace WarningDispatch.Service.Tasks;

/// <summary>
/// The body of <c>POST /api/tasks/{taskId}/attempts</c>: <c>contact</c> is <c>"subject"</c> (the person's own line)
/// or the index of one of the task's contacts; <c>result</c> an <c>AttemptResult</c> name.
/// </summary>
public sealed record AttemptRequest(string? ActionId, JsonElement? Contact, string? Result);
