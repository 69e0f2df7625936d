namespace WarningDispatch.Contracts;

/// <summary>
/// A person reported defrauded (INTERFACE.md §8): published raw to the <c>fraud-reports</c> exchange, or posted to
/// <c>POST /api/fraud-reports</c>. Every warning about the same person issued within <c>FollowUp:DefraudedWindow</c>
/// before <see cref="OccurredAt"/> is marked "defrauded after warning" (预后被骗).
/// </summary>
public record FraudReport
{
    /// <summary>1–64 printable characters (NFKC-normalised): the idempotency key, a report applies once.</summary>
    public required string ReportId { get; init; }
    /// <summary>When the report was made, with its offset; not more than 5 minutes in the future.</summary>
    public required DateTimeOffset ReportedAt { get; init; }
    /// <summary>When the fraud happened, with its offset; not after <see cref="ReportedAt"/>.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
    /// <summary>Who was defrauded: at least one of phone and id number. Personal data.</summary>
    public required FraudReportSubject Subject { get; init; }
    /// <summary>CNY, ≥ 0.</summary>
    public required decimal AmountLost { get; init; }
    /// <summary>Free text, ≤ 64 characters.</summary>
    public string? FraudType { get; init; }
}
