using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WarningDispatch.Domain.Ingest;
using WarningDispatch.Service.Storage;

namespace WarningDispatch.Service.Hosting;

/// <summary>What every feature relies on: clock, wire format, errors, telemetry, health, the API description.</summary>
public static class ServiceDefaults
{
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(ServiceInstance.New());
        services.AddSingleton<DispatchSignals>();
        services.AddSingleton<DispatchMetrics>();
        services.AddHostedService<TaskStatusSampler>();
        services.AddProblemDetails();
        services.Configure<JsonOptions>(o => WireFormat.Configure(o.SerializerOptions));
        services.AddOpenApi();
        services.AddHealthChecks();
        builder.AddTelemetry();
        return builder;
    }

    /// <summary>The middleware every request passes (after the Security feature's), in order.</summary>
    public static WebApplication UseServiceDefaults(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    /// <summary>
    /// Health (<c>/health/live</c>, <c>/health/ready</c>), <c>/openapi/v1.json</c> and <c>/metrics</c>.
    /// </summary>
    public static WebApplication MapServiceDefaults(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        app.MapOpenApi().AllowAnonymous();
        app.MapPrometheusScrapingEndpoint().AllowAnonymous();
        return app;
    }
}
