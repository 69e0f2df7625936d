using System.Diagnostics;
using System.Text;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace WarningDispatch.Bench;

/// <summary>
/// Upstream listening on warning-feedback with a durable queue of its own, as in production (so every feedback publish
/// is a persistent message to a durable queue, which the broker confirms only once it is on disk). Stamps the first
/// feedback of each instruction: the moment its outbox entries reached the broker, for the latency breakdown.
/// </summary>
sealed class UpstreamFeedback : IAsyncDisposable
{
    static readonly byte[] InstructionIdKey = Encoding.UTF8.GetBytes("\"instructionId\"");
    readonly IConnection _connection;
    readonly IChannel _channel;
    public Action<int, int, long>? OnFeedback { get; set; }
    int _received;
    public int Received => Volatile.Read(ref _received);
    public string? Sample { get; private set; }

    UpstreamFeedback(IConnection connection, IChannel channel) { _connection = connection; _channel = channel; }

    public static async Task<UpstreamFeedback> StartAsync(string uri)
    {
        var connection = await new ConnectionFactory { Uri = new Uri(uri) }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        await channel.ExchangeDeclareAsync("warning-feedback", ExchangeType.Fanout, durable: true, autoDelete: false);
        await channel.QueueDeclareAsync("bench-upstream-feedback", durable: true, exclusive: false, autoDelete: false);
        await channel.QueueBindAsync("bench-upstream-feedback", "warning-feedback", "");
        await channel.BasicQosAsync(0, 500, false);
        var listener = new UpstreamFeedback(connection, channel);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            var at = Stopwatch.GetTimestamp();
            var body = delivery.Body.Span;
            if (Interlocked.Increment(ref listener._received) == 1) listener.Sample = Encoding.UTF8.GetString(body);
            if (Instructions.TryParseId(JsonScan.StringValue(body, InstructionIdKey), out var phase, out var seq))
                listener.OnFeedback?.Invoke(phase, seq, at);
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync("bench-upstream-feedback", autoAck: true, consumer);
        return listener;
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
