using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using RabbitMQ.Client;
using WarningDispatch.Domain.Ingest;
using WarningDispatch.Service.Messaging;

namespace WarningDispatch.Service.Feedback;

/// <summary>
/// Production: raw JSON (INTERFACE.md §2) on a connection of its own with publisher confirms, one publish at a time
/// per channel. Not through MassTransit, because RabbitMQ.Client 7.x can leave a confirmed publish hanging for ever
/// after a broker restart (rabbitmq-dotnet-client #1928/#1930; #1930 is still open and was reproduced on 7.2.2 with
/// MassTransit 8.5.x, the versions used here), and MassTransit keeps publishing on that connection: measured with
/// 7.1.2, feedback stopped for good after a restart. A publish that fails or does not confirm in time throws away
/// the whole connection (hung channels included) and the next one connects afresh.
/// </summary>
public sealed class RabbitOutboxPublisher(string uri, ILogger<RabbitOutboxPublisher> log)
    : IOutboxPublisher, IAsyncDisposable
{
    const int Channels = 32;
    static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(5);
    readonly SemaphoreSlim _connecting = new(1, 1);
    Session? _session;

    sealed record Session(IConnection Connection, Channel<IChannel> Idle);

    public async Task PublishAsync(OutboxMessage message, CancellationToken ct)
    {
        if (message.Feedback is { } feedback)
            await PublishAsync(Topology.FeedbackExchange,
                JsonSerializer.SerializeToUtf8Bytes(feedback, WireFormat.Options), message.TraceParent, ct);
        if (message.TaskChanged is { } change)
            await PublishAsync(Topology.TaskEventsExchange,
                JsonSerializer.SerializeToUtf8Bytes(change, WireFormat.Options), message.TraceParent, ct);
    }

    async Task PublishAsync(string exchange, byte[] body, string? traceParent, CancellationToken ct)
    {
        var session = await SessionAsync(ct);
        var channel = await session.Idle.Reader.ReadAsync(ct);
        var properties = new BasicProperties
        {
            Persistent = true,
            ContentType = "application/json",
            MessageId = Guid.NewGuid().ToString(),
            Headers = (Activity.Current?.Id ?? traceParent) is { } trace
                ? new Dictionary<string, object?> { ["traceparent"] = trace }
                : null,
        };
        try
        {
            // With confirmation tracking on, the publish completes when the broker confirms it (and throws on a nack).
            await channel.BasicPublishAsync(exchange, "", mandatory: false, properties, body, ct).AsTask()
                .WaitAsync(PublishTimeout, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            Discard(session, e);
            throw;
        }
        session.Idle.Writer.TryWrite(channel);
    }

    async Task<Session> SessionAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref _session) is { } current) return current;
        await _connecting.WaitAsync(ct);
        try
        {
            if (_session is { } made) return made;
            var factory = new ConnectionFactory
            {
                Uri = new Uri(uri), AutomaticRecoveryEnabled = false, ClientProvidedName = "warning-dispatch outbox",
            };
            var connection = await factory.CreateConnectionAsync(ct).WaitAsync(PublishTimeout, ct);
            var idle = Channel.CreateBounded<IChannel>(Channels);
            for (var i = 0; i < Channels; i++)
            {
                var channel = await connection.CreateChannelAsync(new CreateChannelOptions(
                    publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct);
                // Declared at start-up too; again here in case the broker came back without them.
                if (i == 0)
                    foreach (var exchange in Topology.Exchanges)
                        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true,
                            autoDelete: false, cancellationToken: ct);
                idle.Writer.TryWrite(channel);
            }
            Volatile.Write(ref _session, new Session(connection, idle));
            return _session!;
        }
        finally
        {
            _connecting.Release();
        }
    }

    void Discard(Session session, Exception cause)
    {
        if (Interlocked.CompareExchange(ref _session, null, session) != session) return;
        session.Idle.Writer.TryComplete(cause); // publishes waiting for one of its channels fail too, and are retried
        log.LogWarning("Outbox publish failed ({Error}); its connection is closed and the next publish connects afresh",
            cause.Message);
        // Closing can hang as well on a broken connection: never wait for it.
        _ = Task.Run(() => CloseAsync(session));
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _session, null) is { } session) await CloseAsync(session);
    }

    static async Task CloseAsync(Session session)
    {
        try
        {
            await session.Connection.CloseAsync(TimeSpan.FromSeconds(2)).WaitAsync(TimeSpan.FromSeconds(5));
            session.Connection.Dispose();
        }
        catch (Exception) { } // a broken connection is being dropped either way
    }
}
