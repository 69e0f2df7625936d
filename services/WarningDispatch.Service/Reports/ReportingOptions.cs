namespace WarningDispatch.Service.Reports;

/// <summary><c>Reporting:*</c> (INTERFACE.md §9): the centre's days, and how many of them one request may ask for.
/// </summary>
public sealed class ReportingOptions
{
    public const string Section = "Reporting";

    /// <summary>An IANA time zone id: a report's days, and a search's dates, are local days of this zone.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";
    public int MaxDays { get; set; } = 366;

    public TimeZoneInfo Zone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    /// <summary>The instants a range of local days covers: [start of its first day, start of the day after its last).
    /// </summary>
    public (DateTimeOffset Start, DateTimeOffset End) Span(DayRange days)
    {
        var zone = Zone();
        return (StartOf(days.From, zone), StartOf(days.To.AddDays(1), zone));
    }

    /// <summary>The local day of an instant.</summary>
    public DateOnly DayOf(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Zone()).DateTime);

    static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
