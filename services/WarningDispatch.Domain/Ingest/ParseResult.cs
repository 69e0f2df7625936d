using WarningDispatch.Contracts;

namespace WarningDispatch.Domain.Ingest;

/// <summary>A valid instruction, or every rule it broke; the instruction id whenever one could be read.</summary>
public sealed record ParseResult(DispatchWarning? Instruction, IReadOnlyList<FieldError> Errors, string? InstructionId)
{
    public bool IsValid => Instruction is not null;
}
