using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace WarningDispatch.Service.Hosting;

/// <summary>
/// OTLP export of traces and metrics, switched on and configured by the standard <c>OTEL_*</c> variables
/// (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, <c>OTEL_SERVICE_NAME</c>, …). One trace runs from the AMQP publish through
/// ingest, routing, the store commit, the outbox publish and the hub push: MassTransit carries the context in
/// message headers and the outbox entry carries it across the store.
/// </summary>
public static class TelemetrySetup
{
    public static readonly string[] TraceSources = [DispatchTelemetry.SourceName, "MassTransit", "Microsoft.AspNetCore"];
    public static readonly string[] Meters = [DispatchMetrics.MeterName, "MassTransit", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Http.Connections"];

    public static IServiceCollection AddDispatchTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])) return services;
        services.AddSingleton(_ => Sdk.CreateTracerProviderBuilder().AddSource(TraceSources).AddOtlpExporter().Build());
        services.AddSingleton(_ => Sdk.CreateMeterProviderBuilder().AddMeter(Meters).AddOtlpExporter().Build());
        services.AddHostedService<TelemetryLifetime>();
        return services;
    }

    /// <summary>Builds the providers at start (they listen from then on) and flushes them at stop.</summary>
    sealed class TelemetryLifetime(TracerProvider traces, MeterProvider metrics) : IHostedService
    {
        public Task StartAsync(CancellationToken ct) => Task.CompletedTask;

        public Task StopAsync(CancellationToken ct)
        {
            traces.ForceFlush(2000);
            metrics.ForceFlush(2000);
            return Task.CompletedTask;
        }
    }
}
