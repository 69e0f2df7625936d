namespace WarningDispatch.Contracts;

/// <summary>
/// What upstream learned about a warning in progress (INTERFACE.md §7): where the person is now, whether the call
/// goes on, how much is at risk. Published raw to the <c>warning-updates</c> exchange, or posted to
/// <c>POST /api/warnings/{instructionId}/updates</c>. At least one of the optional fields is present.
/// </summary>
public record WarningUpdate
{
    /// <summary>1–64 printable characters: the same id is applied once, for the task's whole life.</summary>
    public required string UpdateId { get; init; }
    /// <summary>The instruction this update is about (NFKC-normalised, as the instruction's own id).</summary>
    public required string InstructionId { get; init; }
    /// <summary>
    /// When upstream learned it, with its offset: per field, a newer value is never overwritten by an older one.
    /// </summary>
    public required DateTimeOffset OccurredAt { get; init; }
    /// <summary>Where the person is now. Personal data.</summary>
    public GeoPoint? Location { get; init; }
    /// <summary>The address where the person is now, ≤ 256 characters. Personal data.</summary>
    public string? Address { get; init; }
    public bool? OnCallNow { get; init; }
    /// <summary>Amount at risk in CNY, ≥ 0.</summary>
    public decimal? AmountAtRisk { get; init; }
    /// <summary>≤ 1,000 characters, line breaks allowed. Personal data: upstream writes about the person.</summary>
    public string? Note { get; init; }
}
