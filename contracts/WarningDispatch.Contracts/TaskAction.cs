using System.Text.Json.Serialization;

namespace WarningDispatch.Contracts;

/// <summary>
/// What a viewer may do to a task (<see cref="TaskSnapshot.AllowedActions"/>), sent in camelCase
/// (<c>"callResult"</c>); each is one <c>POST /api/tasks/{taskId}/…</c> endpoint.
/// </summary>
public enum TaskAction
{
    [JsonStringEnumMemberName("acknowledge")] Acknowledge,
    [JsonStringEnumMemberName("callResult")] CallResult,
    [JsonStringEnumMemberName("arrive")] Arrive,
    [JsonStringEnumMemberName("outcome")] Outcome,
    [JsonStringEnumMemberName("escalate")] Escalate,
    [JsonStringEnumMemberName("assign")] Assign,
    [JsonStringEnumMemberName("attempt")] Attempt,
    /// <summary>Records the follow-up visit of a resolved task (<c>POST …/follow-up</c>).</summary>
    [JsonStringEnumMemberName("followUp")] FollowUp,
    /// <summary>The assigned officer's free-text note on an active task (<c>POST …/notes</c>).</summary>
    [JsonStringEnumMemberName("note")] Note,
}
