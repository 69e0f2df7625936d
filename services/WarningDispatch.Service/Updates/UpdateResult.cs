using WarningDispatch.Domain.Ingest;
using WarningDispatch.Domain.Tasks;

namespace WarningDispatch.Service.Updates;

/// <summary>What became of one update: the task it changed, or why not (the rules it broke, or the refusal).</summary>
public sealed record UpdateResult(UpdateOutcome Outcome, string? TaskId, IReadOnlyList<FieldError> Errors,
    Refusal? Refusal = null, string? InstructionId = null, IReadOnlyList<string>? AreaIds = null);
