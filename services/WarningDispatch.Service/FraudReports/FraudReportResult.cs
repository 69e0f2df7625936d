using WarningDispatch.Domain.Ingest;

namespace WarningDispatch.Service.FraudReports;

/// <summary>What became of one fraud report: its id, or the rules it broke and where it is kept.</summary>
public sealed record FraudReportResult(FraudReportOutcome Outcome, string? ReportId, IReadOnlyList<FieldError> Errors,
    string? RejectionId = null);
