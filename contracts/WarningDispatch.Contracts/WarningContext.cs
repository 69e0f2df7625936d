namespace WarningDispatch.Contracts;

/// <summary>What upstream knows about the fraud in progress.</summary>
public record WarningContext
{
    /// <summary>The person is on a call with the fraudster right now.</summary>
    public bool? OnCallNow { get; init; }
    public string? CounterpartNumber { get; init; }
    /// <summary>Amount at risk in CNY, ≥ 0.</summary>
    public decimal? AmountAtRisk { get; init; }
    public string? Note { get; init; }
}
