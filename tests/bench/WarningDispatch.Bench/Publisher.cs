using System.Diagnostics;
using System.Threading.Channels;
using RabbitMQ.Client;

namespace WarningDispatch.Bench;

/// <summary>
/// An upstream system over plain AMQP (RabbitMQ.Client 7.1.2, no MassTransit): raw JSON, content_type
/// application/json, persistent, publisher confirms. Open loop: message i is due at start + i/rate whatever happened to
/// earlier ones; several channels publish side by side so a slow confirm does not hold the schedule back.
/// </summary>
sealed class AmqpPublisher : IAsyncDisposable
{
    readonly ConnectionFactory _factory;
    IConnection? _connection;

    public AmqpPublisher(string uri) =>
        _factory = new ConnectionFactory { Uri = new Uri(uri), AutomaticRecoveryEnabled = false };

    public async Task<IChannel> ChannelAsync()
    {
        _connection ??= await _factory.CreateConnectionAsync();
        return await _connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true,
            publisherConfirmationTrackingEnabled: true));
    }

    public delegate (byte[] Body, IDictionary<string, object?>? Headers) MessageFactory(int seq);

    /// <summary>
    /// Publishes <paramref name="count"/> messages (sequence numbers <paramref name="first"/> onwards) at
    /// <paramref name="rate"/> per second (0: as fast as possible).
    /// <paramref name="sent"/>[seq] gets the Stopwatch timestamp taken just before the publish call,
    /// <paramref name="intended"/>[seq] the moment the schedule wanted it (their difference shows whether the generator
    /// kept up).
    /// </summary>
    public async Task<PublishStats> RunAsync(string exchange, int count, double rate, MessageFactory make,
        long[]? sent = null, long[]? intended = null, int channels = 16, int first = 0)
    {
        var queue = Channel.CreateBounded<(int Seq, long Due)>(
            new BoundedChannelOptions(100_000) { SingleWriter = true });
        var chans = new List<IChannel>();
        for (var i = 0; i < Math.Min(channels, count); i++)
        {
            var ch = await ChannelAsync();
            await ch.ExchangeDeclarePassiveAsync(exchange);
            chans.Add(ch);
        }
        var start = Stopwatch.GetTimestamp();
        var ticksPerMessage = rate > 0 ? Stopwatch.Frequency / rate : 0;
        var workers = chans.Select(ch => Task.Run(async () =>
        {
            var props = new BasicProperties { ContentType = "application/json",
                DeliveryMode = DeliveryModes.Persistent };
            await foreach (var (index, due) in queue.Reader.ReadAllAsync())
            {
                var seq = first + index;
                var (body, headers) = make(seq);
                var p = headers is null ? props : new BasicProperties { ContentType = "application/json",
                    DeliveryMode = DeliveryModes.Persistent, Headers = headers };
                if (intended is not null) intended[seq] = due;
                if (sent is not null) sent[seq] = Stopwatch.GetTimestamp();
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await ch.BasicPublishAsync(exchange, "", mandatory: false, p, body, timeout.Token);
            }
        })).ToList();

        // The pacer: a dedicated thread that releases every message whose time has come, then sleeps ~1 ms.
        var pacer = new Thread(() =>
        {
            var next = 0;
            while (next < count)
            {
                var now = Stopwatch.GetTimestamp();
                var due = rate > 0 ? Math.Min(count, (int)((now - start) / ticksPerMessage) + 1) : count;
                for (; next < due; next++)
                {
                    var at = start + (long)(next * ticksPerMessage);
                    while (!queue.Writer.TryWrite((next, at))) Thread.Sleep(1);
                }
                if (next < count) Thread.Sleep(1);
            }
            queue.Writer.Complete();
        }) { IsBackground = true, Name = "pacer", Priority = ThreadPriority.AboveNormal };
        pacer.Start();
        await Task.WhenAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(start);
        foreach (var ch in chans) await ch.DisposeAsync();
        return new PublishStats(count, elapsed.TotalSeconds, count / elapsed.TotalSeconds);
    }

    public async Task<uint> QueueDepthAsync(string queue)
    {
        await using var ch = await ChannelAsync();
        try { return (await ch.QueueDeclarePassiveAsync(queue)).MessageCount; }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException) { return 0; }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null) await _connection.DisposeAsync();
    }
}

sealed record PublishStats(int Count, double Seconds, double Rate);
