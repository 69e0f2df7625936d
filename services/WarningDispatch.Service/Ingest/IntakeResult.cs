using WarningDispatch.Domain.Ingest;

namespace WarningDispatch.Service.Ingest;

/// <summary>
/// What became of one instruction: a new task, the existing one, or a kept rejection with its reasons.
/// </summary>
public sealed record IntakeResult(IntakeOutcome Outcome, string? TaskId, IReadOnlyList<FieldError> Errors,
    string? RejectionId = null);
