using System.Text;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using WarningDispatch.Service.Messaging;

namespace WarningDispatch.Service.Ingest;

/// <summary>
/// Operators' view of <c>warning-dispatch.instructions_error</c>: what failed and why, and a replay that moves the
/// messages back to the instructions queue (safe: the instruction id makes a second delivery harmless).
/// Unreadable or invalid instructions never land here; they are kept as rejections.
/// </summary>
public sealed class RabbitErrorQueue(string uri) : IErrorQueue
{
    const string Queue = Topology.InstructionsErrorQueue;

    public bool Exists => true;

    public async Task<IReadOnlyList<DeadLetter>> PeekAsync(int max, CancellationToken ct)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(uri) }.CreateConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        var letters = new List<DeadLetter>();
        if (!await ExistsAsync(channel, ct)) return letters;
        // Unacknowledged gets go back to the queue when the channel closes: a peek, not a take.
        while (letters.Count < max && await channel.BasicGetAsync(Queue, autoAck: false, ct) is { } message)
            letters.Add(Read(message));
        return letters;
    }

    public async Task<int> ReplayAsync(int max, CancellationToken ct)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(uri) }.CreateConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
            ct);
        var moved = 0;
        if (!await ExistsAsync(channel, ct)) return moved;
        while (moved < max && await channel.BasicGetAsync(Queue, autoAck: false, ct) is { } message)
        {
            var headers = message.BasicProperties.Headers?
                .Where(h => !h.Key.StartsWith("MT-Fault", StringComparison.Ordinal) && h.Key != "MT-Reason")
                .ToDictionary(h => h.Key, h => h.Value);
            var properties = new BasicProperties(message.BasicProperties) { Headers = headers };
            await channel.BasicPublishAsync("", Topology.InstructionsQueue, mandatory: true, properties, message.Body,
                ct);
            await channel.BasicAckAsync(message.DeliveryTag, multiple: false, ct);
            moved++;
        }
        return moved;
    }

    /// <summary>
    /// MassTransit declares the queue with the first fault; before that a get would fail with 404 NOT_FOUND and close
    /// the channel. A passive declare asks without creating it, so the service never declares it with other arguments.
    /// </summary>
    static async Task<bool> ExistsAsync(IChannel channel, CancellationToken ct)
    {
        try
        {
            await channel.QueueDeclarePassiveAsync(Queue, ct);
            return true;
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == Constants.NotFound)
        {
            return false;
        }
    }

    static DeadLetter Read(BasicGetResult message)
    {
        string? Header(string name) => message.BasicProperties.Headers?.TryGetValue(name, out var v) == true
            ? v switch { byte[] b => Encoding.UTF8.GetString(b), null => null, _ => v.ToString() } : null;
        return new DeadLetter(message.BasicProperties.MessageId, Header("MT-Fault-Message"),
            Header("MT-Fault-ExceptionType"), Header("MT-Fault-Timestamp"), message.BasicProperties.ContentType ?? "",
            Encoding.UTF8.GetString(message.Body.Span));
    }
}
