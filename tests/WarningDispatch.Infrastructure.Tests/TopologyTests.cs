using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace WarningDispatch.Infrastructure.Tests;

/// <summary>What the broker and the scrapers see of a service that has only just started.</summary>
public class TopologyTests : InfrastructureTest
{
    [Test]
    public async Task Every_interface_exchange_exists_as_soon_as_the_service_started_before_anything_was_published()
    {
        await StartServiceAsync("a");

        await using var connection = await new ConnectionFactory { Uri = new Uri(RabbitUri) }.CreateConnectionAsync();
        foreach (var exchange in new[]
                     { "warning-instructions", "warning-feedback", "warning-updates", "fraud-reports" })
        {
            // A passive declare that fails closes its channel: one channel per exchange.
            await using var channel = await connection.CreateChannelAsync();
            try
            {
                await channel.ExchangeDeclarePassiveAsync(exchange);
            }
            catch (OperationInterruptedException e)
            {
                Assert.Fail($"{exchange}: {e.ShutdownReason?.ReplyCode} {e.ShutdownReason?.ReplyText}");
            }
        }

        // An upstream binds its own queue to the feedback exchange before any feedback was published.
        await using (var upstream = await connection.CreateChannelAsync())
        {
            var queue = await upstream.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true);
            await upstream.QueueBindAsync(queue.QueueName, "warning-feedback", "");
        }
    }

    [Test]
    public async Task Metrics_and_the_api_description_are_served_with_RabbitMQ_and_Redis()
    {
        var service = await StartServiceAsync("a");
        using var http = new HttpClient { BaseAddress = service.BaseAddress };
        using var post = new HttpRequestMessage(HttpMethod.Post, "/api/warnings")
        {
            Content = new StringContent(Instruction("GX-METRICS-1"), System.Text.Encoding.UTF8, "application/json"),
        };
        post.Headers.Add("X-Api-Key", ServiceProcess.ApiKey);
        Assert.That((await http.SendAsync(post)).IsSuccessStatusCode);

        // The exporter collects on request; the service's own counters appear once they counted something.
        await Eventually.Until(async () =>
        {
            var text = await http.GetStringAsync("/metrics");
            return text.Contains("dispatch_instructions_received") ? text : null;
        }, "the service's own meters at /metrics");
        var metrics = await http.GetStringAsync("/metrics");
        Assert.That(metrics, Does.Contain("http_server_request_duration").And.Contain("dotnet_gc_"),
            "ASP.NET Core's and the runtime's meters");
        var openApi = await http.GetStringAsync("/openapi/v1.json");
        Assert.That(openApi, Does.Contain("\"openapi\"").And.Contain("/api/warnings"));
    }
}
