using WarningDispatch.Contracts;

namespace WarningDispatch.Domain.Ingest;

/// <summary>A valid fraud report, or every rule it broke; the report id whenever one could be read.</summary>
public sealed record FraudReportParseResult(FraudReport? Report, IReadOnlyList<FieldError> Errors, string? ReportId)
{
    public bool IsValid => Report is not null;
}
