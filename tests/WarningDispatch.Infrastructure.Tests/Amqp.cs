using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using WarningDispatch.Contracts;
using WarningDispatch.Domain.Ingest;

namespace WarningDispatch.Infrastructure.Tests;

/// <summary>
/// An upstream system that is not .NET-with-MassTransit: plain RabbitMQ.Client, raw JSON with
/// content_type application/json, persistent messages and publisher confirms. It re-publishes what the broker did
/// not confirm (safe: the instruction id is the idempotency key).
/// </summary>
public sealed class RawPublisher : IAsyncDisposable
{
    readonly ConnectionFactory _factory;
    IConnection? _connection;

    public RawPublisher(string uri) =>
        _factory = new ConnectionFactory { Uri = new Uri(uri), AutomaticRecoveryEnabled = false };

    public async Task PublishAllAsync(IReadOnlyList<string> bodies, int channels = 8, Func<int, Task>? afterEach = null)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, channels).Select(async _ =>
        {
            IChannel? channel = null;
            int i;
            while ((i = Interlocked.Increment(ref next)) < bodies.Count)
            {
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        channel ??= await OpenChannelAsync();
                        var props = new BasicProperties
                        {
                            ContentType = "application/json", DeliveryMode = DeliveryModes.Persistent
                        };
                        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                        await channel.BasicPublishAsync("warning-instructions", "", mandatory: false, props,
                            Encoding.UTF8.GetBytes(bodies[i]), timeout.Token);
                        break;
                    }
                    catch (Exception) when (attempt < 120)
                    {
                        // The broker is down or the confirm did not come: reconnect and publish again.
                        channel = null;
                        await ResetAsync();
                        await Task.Delay(500);
                    }
                }
                if (afterEach is not null) await afterEach(i);
            }
        }));
    }

    /// <summary>One message exactly as given: any bytes, any content type (or none), confirmed by the broker.</summary>
    public async Task PublishOneAsync(byte[] body, string? contentType = "application/json",
        string exchange = "warning-instructions")
    {
        var channel = await OpenChannelAsync();
        await using (channel)
        {
            var props = new BasicProperties { ContentType = contentType, DeliveryMode = DeliveryModes.Persistent };
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await channel.BasicPublishAsync(exchange, "", mandatory: false, props, body, timeout.Token);
        }
    }

    readonly SemaphoreSlim _connecting = new(1, 1);

    async Task<IChannel> OpenChannelAsync()
    {
        await _connecting.WaitAsync();
        try
        {
            if (_connection is not { IsOpen: true }) _connection = await _factory.CreateConnectionAsync();
        }
        finally { _connecting.Release(); }
        var channel = await _connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        await channel.ExchangeDeclareAsync("warning-instructions", ExchangeType.Fanout, durable: true,
            autoDelete: false);
        return channel;
    }

    async Task ResetAsync()
    {
        await _connecting.WaitAsync();
        try
        {
            if (_connection is { } old) try { await old.DisposeAsync(); } catch (Exception) { }
            _connection = null;
        }
        finally { _connecting.Release(); }
    }

    public async ValueTask DisposeAsync() => await ResetAsync();
}

/// <summary>An upstream system listening on warning-feedback with a durable queue of its own.</summary>
public sealed class FeedbackListener : IAsyncDisposable
{
    readonly IConnection _connection;
    readonly IChannel _channel;

    public ConcurrentQueue<InstructionStatusChanged> Events { get; } = new();

    FeedbackListener(IConnection connection, IChannel channel)
    {
        _connection = connection;
        _channel = channel;
    }

    public static async Task<FeedbackListener> StartAsync(string uri)
    {
        var factory = new ConnectionFactory
        {
            Uri = new Uri(uri), AutomaticRecoveryEnabled = true, TopologyRecoveryEnabled = true
        };
        var connection = await factory.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        await channel.ExchangeDeclareAsync("warning-feedback", ExchangeType.Fanout, durable: true, autoDelete: false);
        var queue = "upstream-feedback-" + Guid.NewGuid().ToString("N")[..8];
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        await channel.QueueBindAsync(queue, "warning-feedback", "");
        var listener = new FeedbackListener(connection, channel);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            listener.Events.Enqueue(Read(delivery.Body.Span));
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue, autoAck: true, consumer);
        return listener;
    }

    /// <summary>Raw JSON, or a MassTransit envelope whose <c>message</c> holds it (INTERFACE.md §2).</summary>
    static InstructionStatusChanged Read(ReadOnlySpan<byte> body)
    {
        using var doc = JsonDocument.Parse(body.ToArray());
        var message = doc.RootElement.TryGetProperty("message", out var inner) ? inner : doc.RootElement;
        return message.Deserialize<InstructionStatusChanged>(WireFormat.Options)!;
    }

    public ILookup<string, FeedbackStatus> ByInstruction() => Events.ToLookup(e => e.InstructionId, e => e.Status);

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
