using WarningDispatch.Service.Tasks;

namespace WarningDispatch.Service.Reports;

public static class ReportsExtensions
{
    /// <summary>The centre's reports (INTERFACE.md §9) and their settings.</summary>
    public static WebApplicationBuilder AddReports(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReportingOptions>().BindConfiguration(ReportingOptions.Section)
            .Validate(o => o.MaxDays >= 1 && KnownZone(o.TimeZone),
                "Reporting:TimeZone 须为已知的 IANA 时区，Reporting:MaxDays 须为 1 或更大 " +
                "(Reporting:TimeZone must be a known IANA time zone and Reporting:MaxDays 1 or more)")
            .ValidateOnStart();
        builder.Services.AddSingleton<ITaskIndex, ReportFactIndex>();
        builder.Services.AddSingleton<ReportReader>();
        builder.Services.AddSingleton<ReportSummaryCache>();
        builder.Services.AddSingleton<ReportLabels>();
        builder.Services.AddSingleton<ReportExport>();
        return builder;
    }

    static bool KnownZone(string id) => TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);
}
