using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using StackExchange.Redis;

// The bare relay: consume raw JSON from a durable queue (manual ack, prefetch 64), push it as taskChanged to the
// officer named in the message's "officer" header and to every board, acknowledge. Settings (environment):
// RELAY_RABBITMQ (amqp URI), RELAY_EXCHANGE / RELAY_QUEUE (default bench-floor), ASPNETCORE_URLS.
// RELAY_DEFER_CONSUME=true: declare the topology (an existing queue and its backlog are kept) but consume only after
// POST /consume, so that a backlog is drained once the consoles are connected, not to nobody.
// RELAY_REDIS (a StackExchange.Redis configuration): the durable floor. A message with the header durable=true is first
// written to that Redis (SET, one key per message; the benchmark starts it with appendfsync always, as the service's)
// and pushed and acknowledged only after the write: the bare relay plus the one fsynced write the service must make.
// RELAY_CONCURRENCY: deliveries handled side by side (default 4; the durable drain uses the service's 32).
var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSignalR();
builder.Services.AddSingleton<RelayConsumer>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<RelayConsumer>());
var app = builder.Build();
app.MapHub<RelayHub>("/hubs/tasks");
app.MapGet("/health/ready", (RelayConsumer consumer) =>
    consumer.Started ? Results.Ok("ready") : Results.StatusCode(503));
app.MapPost("/consume", async (RelayConsumer consumer) =>
{
    await consumer.ConsumeAsync(CancellationToken.None);
    return Results.Ok("consuming");
});
app.Run();

/// <summary>
/// ?officer=O0001 joins officer:O0001; ?board=3 joins the boards group. No authentication: the floor has none of the
/// service's work.
/// </summary>
sealed class RelayHub : Hub
{
    public override async Task OnConnectedAsync()
    {
        var query = Context.GetHttpContext()!.Request.Query;
        if (query["officer"] is { Count: > 0 } officer)
            await Groups.AddToGroupAsync(Context.ConnectionId, "officer:" + officer);
        if (query.ContainsKey("board")) await Groups.AddToGroupAsync(Context.ConnectionId, "boards");
        await base.OnConnectedAsync();
    }
}

sealed class RelayConsumer(IHubContext<RelayHub> hub, IConfiguration configuration) : IHostedService
{
    IConnection? _connection;
    IChannel? _channel;
    string _queue = "";
    IDatabase? _store;
    long _written;
    int _consuming;
    public bool Started { get; private set; }

    public async Task StartAsync(CancellationToken ct)
    {
        var exchange = configuration["RELAY_EXCHANGE"] ?? "bench-floor";
        var queue = _queue = configuration["RELAY_QUEUE"] ?? "bench-floor";
        var factory = new ConnectionFactory
        {
            Uri = new Uri(configuration["RELAY_RABBITMQ"]
                          ?? throw new InvalidOperationException("RELAY_RABBITMQ is not set")),
            ConsumerDispatchConcurrency = configuration.GetValue("RELAY_CONCURRENCY", (ushort)4),
        };
        if (configuration["RELAY_REDIS"] is { Length: > 0 } redis)
            _store = (await ConnectionMultiplexer.ConnectAsync(redis)).GetDatabase();
        _connection = await factory.CreateConnectionAsync(ct);
        _channel = await _connection.CreateChannelAsync(cancellationToken: ct);
        await _channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false,
            cancellationToken: ct);
        await _channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false,
            cancellationToken: ct);
        await _channel.QueueBindAsync(queue, exchange, "", cancellationToken: ct);
        await _channel.BasicQosAsync(0, 64, false, ct);
        if (!configuration.GetValue<bool>("RELAY_DEFER_CONSUME")) await ConsumeAsync(ct);
        Started = true;
    }

    public async Task ConsumeAsync(CancellationToken ct)
    {
        if (Interlocked.Exchange(ref _consuming, 1) == 1) return;
        var channel = _channel ?? throw new InvalidOperationException("not started");
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            var message = JsonSerializer.Deserialize<JsonElement>(delivery.Body.Span);
            if (_store is { } store && delivery.BasicProperties.Headers?.ContainsKey("durable") == true)
            {
                var key = "floor:" + Interlocked.Increment(ref _written) % 65_536;
                await store.StringSetAsync(key, delivery.Body);
            }
            if (delivery.BasicProperties.Headers?.TryGetValue("officer", out var o) == true && o is byte[] officer)
                await hub.Clients.Group("officer:" + Encoding.UTF8.GetString(officer))
                    .SendAsync("taskChanged", message);
            await hub.Clients.Group("boards").SendAsync("taskChanged", message);
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
        };
        await channel.BasicConsumeAsync(_queue, autoAck: false, consumer, ct);
    }

    public async Task StopAsync(CancellationToken ct)
    {
        if (_channel is not null) await _channel.DisposeAsync();
        if (_connection is not null) await _connection.DisposeAsync();
        if (_store is not null) await _store.Multiplexer.DisposeAsync();
    }
}
