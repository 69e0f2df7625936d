namespace WarningDispatch.Contracts;

/// <summary>
/// How long something took, counted from the instruction's <c>issuedAt</c>, in seconds: nearest-rank percentiles of
/// the tasks that reached the step (the p-th percentile of n sorted values is the value at rank ⌈p/100 · n⌉, one of
/// the values itself, never an interpolation). Null when no task reached the step.
/// </summary>
public record SecondsPercentiles
{
    public double? P50 { get; init; }
    public double? P90 { get; init; }
    /// <summary>How many tasks reached the step (the values the percentiles are taken from).</summary>
    public required int Count { get; init; }
}
