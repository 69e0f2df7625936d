namespace WarningDispatch.Contracts;

/// <summary>
/// A warning instruction (预警指令): someone is being defrauded right now and a police officer must reach them.
/// Published by upstream systems to the <c>warning-instructions</c> exchange, or posted to <c>POST /api/warnings</c>.
/// </summary>
public record DispatchWarning
{
    /// <summary>Upstream id, 1–64 printable characters. The idempotency key: the same id never makes a second
    /// task.</summary>
    public required string InstructionId { get; init; }
    public required InstructionSource Source { get; init; }
    public required InstructionKind Kind { get; init; }
    public required RiskLevel RiskLevel { get; init; }
    /// <summary>Free text, at most 64 characters, e.g. "ImpersonatingPolice".</summary>
    public string? FraudType { get; init; }
    /// <summary>When upstream issued the instruction, with its offset. Every deadline counts from here.</summary>
    public required DateTimeOffset IssuedAt { get; init; }
    public required WarningSubject Subject { get; init; }
    public WarningContext? Context { get; init; }
}
