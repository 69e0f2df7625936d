namespace WarningDispatch.Contracts;

/// <summary>The defrauded person of a <see cref="FraudReport"/>: at least one of phone and id number. Personal data.
/// </summary>
public record FraudReportSubject
{
    /// <summary>E.164, e.g. +8613800000000.</summary>
    public string? Phone { get; init; }
    /// <summary>18-character resident identity number (GB 11643), upper-case check character.</summary>
    public string? IdNumber { get; init; }
    /// <summary>≤ 64 characters.</summary>
    public string? Name { get; init; }
}
