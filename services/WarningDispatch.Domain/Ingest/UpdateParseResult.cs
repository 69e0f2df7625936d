using WarningDispatch.Contracts;

namespace WarningDispatch.Domain.Ingest;

/// <summary>A valid update, or every rule it broke; the instruction id whenever one could be read.</summary>
public sealed record UpdateParseResult(WarningUpdate? Update, IReadOnlyList<FieldError> Errors, string? InstructionId)
{
    public bool IsValid => Update is not null;
}
