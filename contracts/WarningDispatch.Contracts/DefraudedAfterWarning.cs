namespace WarningDispatch.Contracts;

/// <summary>
/// The person was defrauded after this warning (预后被骗, INTERFACE.md §8): from a fraud report, or from a follow-up
/// visit that found it (then without a report id).
/// </summary>
public record DefraudedAfterWarning
{
    /// <summary>The fraud report that said so; null when a follow-up recorded it.</summary>
    public string? ReportId { get; init; }
    /// <summary>When the fraud happened (the report's <c>occurredAt</c>; the follow-up's time).</summary>
    public required DateTimeOffset OccurredAt { get; init; }
    /// <summary>CNY.</summary>
    public required decimal AmountLost { get; init; }
}
