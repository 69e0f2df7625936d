namespace WarningDispatch.Contracts;

/// <summary>
/// "248" compliance (face to face within 2 h urban, 4 h suburban, 8 h rural, counted from <c>issuedAt</c>) of a set
/// of home visits.
/// </summary>
public record ComplianceFigure
{
    /// <summary>Tasks that required a home visit.</summary>
    public required int HomeVisits { get; init; }
    /// <summary>Of those, the officer was on scene by the visit deadline.</summary>
    public required int WithinDeadline { get; init; }
    /// <summary>Of those, still under way: nobody on scene yet, deadline not yet breached, task not resolved.</summary>
    public required int Pending { get; init; }
    /// <summary>
    /// WithinDeadline / (HomeVisits − Pending), a fraction 0…1: a visit whose time is not up yet is neither kept nor
    /// missed. Null when no visit is decided.
    /// </summary>
    public double? Rate { get; init; }
}
