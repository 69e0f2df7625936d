namespace WarningDispatch.Contracts;

/// <summary>One warning about the person of a case (<see cref="TaskSnapshot.CaseWarnings"/>): which source said what,
/// when, and which task works it.</summary>
public record CaseWarning
{
    public required string TaskId { get; init; }
    public required string InstructionId { get; init; }
    public required InstructionSource Source { get; init; }
    public required RiskLevel RiskLevel { get; init; }
    public required DateTimeOffset IssuedAt { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
}
