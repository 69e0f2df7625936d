using System.Diagnostics.CodeAnalysis;

namespace WarningDispatch.Contracts;

/// <summary>
/// <c>GET /api/reports/summary</c> (INTERFACE.md §9): the figures of an area's tasks received in a range of local
/// days, per police post and per day. See <see cref="ReportFigures"/> for what each figure counts.
/// </summary>
public record ReportSummary : ReportFigures
{
    /// <summary>First local day, YYYY-MM-DD.</summary>
    public required DateOnly From { get; init; }
    /// <summary>Last local day (included).</summary>
    public required DateOnly To { get; init; }
    /// <summary>The IANA time zone the days are local to (<c>Reporting:TimeZone</c>).</summary>
    public required string TimeZone { get; init; }
    public required string AreaId { get; init; }
    public required string AreaName { get; init; }
    /// <summary>
    /// Instructions rejected on arrival (HTTP or AMQP; replays and updates not counted) in the range whose person's
    /// area is this one; a top-level centre also counts those whose area could not be read. Not per post.
    /// </summary>
    public required long Rejected { get; init; }
    /// <summary>Every post of the area that holds at least one of the tasks, by post id.</summary>
    public required IReadOnlyList<PostReport> PerPost { get; init; }
    /// <summary>Every day of the range, in order.</summary>
    public required IReadOnlyList<DayReport> Days { get; init; }

    public ReportSummary() { }

    [SetsRequiredMembers]
    public ReportSummary(ReportFigures figures, DateOnly from, DateOnly to, string timeZone, string areaId,
        string areaName, long rejected, IReadOnlyList<PostReport> perPost, IReadOnlyList<DayReport> days)
        : base(figures)
    {
        From = from; To = to; TimeZone = timeZone; AreaId = areaId; AreaName = areaName; Rejected = rejected;
        PerPost = perPost; Days = days;
    }
}
