namespace WarningDispatch.Contracts;

/// <summary>One local day of a report: what the chart of received warnings per day shows.</summary>
public record DayReport
{
    public required DateOnly Day { get; init; }
    public required int Received { get; init; }
    public required IReadOnlyDictionary<string, int> BySource { get; init; }
}
