namespace WarningDispatch.Service.FollowUps;

/// <summary>
/// The body of <c>POST /api/tasks/{taskId}/follow-up</c> (INTERFACE.md §8): <c>result</c> is Safe, Defrauded or
/// Unreachable; an amount lost only with Defrauded; the note is the officer's free text.
/// </summary>
public sealed record FollowUpRequest(string? ActionId, string? Result, decimal? AmountLost, string? Note);
