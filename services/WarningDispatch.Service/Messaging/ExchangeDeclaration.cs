using RabbitMQ.Client;

namespace WarningDispatch.Service.Messaging;

/// <summary>
/// Declares every exchange of <see cref="Topology.Exchanges"/> at start-up, durable fanout as MassTransit and the
/// outbox publisher declare them, so an upstream that binds a queue to <c>warning-feedback</c> before the first
/// feedback was published does not get <c>404 NOT_FOUND</c>. Start-up waits for one attempt; while the broker is
/// away it keeps trying in the background (the bus retries its own connection the same way).
/// </summary>
public sealed class ExchangeDeclaration(string uri, ILogger<ExchangeDeclaration> log) : IHostedService
{
    static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);
    static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(2);
    readonly CancellationTokenSource _stopping = new();
    Task _retrying = Task.CompletedTask;

    public async Task StartAsync(CancellationToken ct)
    {
        if (await TryDeclareAsync(ct)) return;
        _retrying = Task.Run(async () =>
        {
            while (!await TryDeclareAsync(_stopping.Token))
                await Task.Delay(RetryEvery, _stopping.Token);
        });
    }

    async Task<bool> TryDeclareAsync(CancellationToken ct)
    {
        try
        {
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct);
            attempt.CancelAfter(AttemptTimeout);
            var factory = new ConnectionFactory
            {
                Uri = new Uri(uri), ClientProvidedName = "warning-dispatch topology",
            };
            await using var connection = await factory.CreateConnectionAsync(attempt.Token);
            await using var channel = await connection.CreateChannelAsync(cancellationToken: attempt.Token);
            foreach (var exchange in Topology.Exchanges)
                await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false,
                    cancellationToken: attempt.Token);
            log.LogInformation("Exchanges declared: {Exchanges}", string.Join(", ", Topology.Exchanges));
            return true;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            log.LogWarning("Exchanges not declared yet ({Error}); retrying", e.Message);
            return false;
        }
    }

    public async Task StopAsync(CancellationToken ct)
    {
        await _stopping.CancelAsync();
        try { await _retrying; } catch (OperationCanceledException) { }
    }
}
