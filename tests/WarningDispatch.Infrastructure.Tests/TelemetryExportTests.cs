using System.Collections.Concurrent;
using System.Net;
using WarningDispatch.TestSupport;

namespace WarningDispatch.Infrastructure.Tests;

public class TelemetryExportTests : InfrastructureTest
{
    [Test]
    public async Task Traces_and_metrics_are_exported_over_otlp_as_the_standard_OTEL_variables_say()
    {
        var port = Ports.Free();
        using var collector = new HttpListener();
        collector.Prefixes.Add($"http://127.0.0.1:{port}/");
        collector.Start();
        var received = new ConcurrentDictionary<string, long>();
        var spans = new ConcurrentQueue<OtlpSpans.Span>();
        _ = Task.Run(async () =>
        {
            while (collector.IsListening)
            {
                HttpListenerContext context;
                try { context = await collector.GetContextAsync(); } catch (Exception) { return; }
                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                received.AddOrUpdate(context.Request.Url!.AbsolutePath, body.Length, (_, total) => total + body.Length);
                if (context.Request.Url.AbsolutePath == "/v1/traces")
                    foreach (var span in OtlpSpans.Read(body.ToArray())) spans.Enqueue(span);
                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        });

        await StartServiceAsync("a", new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{port}",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = "warning-dispatch-test",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
        });
        await Publisher().PublishAllAsync([Instruction("OTLP-1")]);

        await Eventually.Until(() => received.GetValueOrDefault("/v1/traces") > 0
                && received.GetValueOrDefault("/v1/metrics") > 0 ? "" : null,
            "OTLP traces and metrics at the collector", seconds: 30);
        // One trace from the AMQP delivery to the hub push: MassTransit's receive span is its root (it starts a new
        // trace for a raw message), and every other span's parent is in the same trace.
        string[] path =
            ["warning-dispatch.instructions receive", "ingest", "route", "store commit", "outbox publish", "push"];
        var trace = await Eventually.Until(() => spans.GroupBy(s => s.TraceId).Select(g => g.ToList())
                .FirstOrDefault(t => path.All(name => t.Any(s => s.Name == name))),
            "the AMQP receive → hub push path in one trace", seconds: 30);
        var ids = trace.Select(s => s.SpanId).ToHashSet();
        Assert.That(trace.Where(s => !ids.Contains(s.ParentSpanId)).Select(s => s.Name),
            Is.EqualTo(new[] { "warning-dispatch.instructions receive" }),
            "in one piece: one root, the delivery; every other span's parent is a span of the trace");
    }
}
