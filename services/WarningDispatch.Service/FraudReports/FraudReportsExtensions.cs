namespace WarningDispatch.Service.FraudReports;

/// <summary>
/// Fraud reports in (INTERFACE.md §8) over HTTP and the <c>fraud-reports</c> exchange, and their matching to the
/// warnings about the same person. The size cap and API keys are the instructions' (<c>Ingest</c>), the window
/// <c>FollowUp:DefraudedWindow</c>; the store comes with the storage backend, the consumer with the bus.
/// </summary>
public static class FraudReportsExtensions
{
    public static WebApplicationBuilder AddFraudReports(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<FraudReportIntake>();
        builder.Services.AddSingleton<FraudReportFollowUps>();
        return builder;
    }
}
