using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace WarningDispatch.Service.Hosting;

/// <summary>
/// Traces and metrics: Prometheus scraping at <c>/metrics</c> always, OTLP export when the standard <c>OTEL_*</c>
/// variables ask for it (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, <c>OTEL_SERVICE_NAME</c>, …). One trace runs from the
/// AMQP publish through ingest, routing, the store commit, the outbox publish and the hub push: MassTransit carries
/// the context in message headers and the outbox entry carries it across the store. The Redis storage module adds
/// its own instrumentation.
/// </summary>
public static class TelemetryExtensions
{
    public static readonly string[] TraceSources = [DispatchTelemetry.SourceName, "MassTransit"];
    public static readonly string[] Meters =
        [DispatchMetrics.MeterName, "MassTransit", "Microsoft.AspNetCore.Http.Connections"];

    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<StageTimingOptions>().BindConfiguration(StageTimingOptions.Section)
            .Validate(o => o.SampleEvery >= 1,
                "Telemetry:Stages:SampleEvery 必须至少为 1 (Telemetry:Stages:SampleEvery must be 1 or more)")
            .ValidateOnStart();
        var telemetry = builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics.AddMeter(Meters)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter());
        // Spans cost on every request and message: recorded only when there is somewhere to send them.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            telemetry
                .WithTracing(tracing => tracing.AddSource(TraceSources)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation())
                .UseOtlpExporter();
        return builder;
    }
}
