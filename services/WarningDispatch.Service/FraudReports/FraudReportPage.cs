namespace WarningDispatch.Service.FraudReports;

/// <summary>One page of <c>GET /api/fraud-reports</c>, newest first.</summary>
public sealed record FraudReportPage
{
    public required IReadOnlyList<StoredFraudReport> Items { get; init; }
    /// <summary>From 1.</summary>
    public required int Page { get; init; }
    public required int PageSize { get; init; }
    /// <summary>How many reports the list holds in all pages.</summary>
    public required long Total { get; init; }
}
