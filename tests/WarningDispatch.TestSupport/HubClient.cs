using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using WarningDispatch.Contracts;
using WarningDispatch.Domain.Ingest;

namespace WarningDispatch.TestSupport;

/// <summary>
/// A console's connection to /hubs/tasks through the .NET SignalR client over WebSockets; records every taskChanged
/// and taskWithdrawn so a test can wait for the push it expects.
/// </summary>
public sealed class HubClient : IAsyncDisposable
{
    readonly HubConnection _connection;

    public ConcurrentQueue<TaskSnapshot> Changes { get; } = new();
    public ConcurrentQueue<JsonElement> Withdrawals { get; } = new();
    /// <summary>How often the server asked this console to read its tasks again.</summary>
    public int Resyncs => _resyncs;
    int _resyncs;
    /// <summary>What closed the connection, if anything; shown when a wait times out.</summary>
    public ConcurrentQueue<string> Errors { get; } = new();

    HubClient(HubConnection connection)
    {
        _connection = connection;
        connection.On<TaskSnapshot>("taskChanged", Changes.Enqueue);
        connection.On<JsonElement>("taskWithdrawn", Withdrawals.Enqueue);
        connection.On("resync", () => Interlocked.Increment(ref _resyncs));
        connection.Closed += error =>
        {
            if (error is not null) Errors.Enqueue(error.ToString());
            return Task.CompletedTask;
        };
    }

    /// <summary>Connects and returns once the server has joined the connection to its groups.</summary>
    /// <param name="service">The service's base address, e.g. http://127.0.0.1:5091.</param>
    /// <param name="token">A bearer token, or null (e.g. a cookie set through <paramref name="transport"/>).</param>
    /// <param name="transport">Further options, e.g. TestServer's handler and WebSocket factory.</param>
    /// <param name="serverTimeout">How long the server may stay silent before the client gives up (default 30 s).
    /// </param>
    public static async Task<HubClient> ConnectAsync(
        Uri service, string? token, Action<HttpConnectionOptions>? transport = null, TimeSpan? serverTimeout = null)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(service, "/hubs/tasks"), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                if (token is not null) options.AccessTokenProvider = () => Task.FromResult<string?>(token);
                transport?.Invoke(options);
            })
            .AddJsonProtocol(o => WireFormat.Configure(o.PayloadSerializerOptions))
            .Build();
        if (serverTimeout is { } timeout) connection.ServerTimeout = timeout;
        var client = new HubClient(connection);
        try
        {
            await connection.StartAsync();
            // The handshake completes before the server joins the groups; this invocation is answered after it.
            await connection.InvokeAsync<bool>("Subscribed");
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        return client;
    }

    public IEnumerable<TaskSnapshot> ChangesOf(string taskId) => Changes.Where(c => c.TaskId == taskId);

    public Task<TaskSnapshot> WaitForAsync(Func<TaskSnapshot, bool> match, string what, double seconds = 10) =>
        Eventually.Until(() => Changes.FirstOrDefault(match),
            $"{what} (connection {_connection.State}; errors: {string.Join(" | ", Errors)})", seconds);

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
