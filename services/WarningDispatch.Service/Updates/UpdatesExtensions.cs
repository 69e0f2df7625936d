namespace WarningDispatch.Service.Updates;

/// <summary>
/// Updates to a warning in progress (INTERFACE.md §7) over HTTP and the <c>warning-updates</c> exchange. The size cap
/// and API keys are the instructions' (<c>Ingest</c>); the consumer is registered with the bus's others.
/// </summary>
public static class UpdatesExtensions
{
    public static WebApplicationBuilder AddUpdates(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<UpdateIntake>();
        return builder;
    }
}
