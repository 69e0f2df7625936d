using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using WarningDispatch.Contracts;
using WarningDispatch.Domain.Ingest;

namespace WarningDispatch.TestSupport;

/// <summary>
/// A console's connection to /hubs/tasks over a real WebSocket (TestServer's or Kestrel's), speaking the SignalR
/// JSON protocol (the .NET SignalR client does not restore here). Records every taskChanged and taskWithdrawn.
/// </summary>
public sealed class HubClient : IAsyncDisposable
{
    const char RecordSeparator = '\u001e';
    readonly WebSocket _socket;
    readonly CancellationTokenSource _stop = new();
    readonly Task _reader;

    public ConcurrentQueue<TaskSnapshot> Changes { get; } = new();
    public ConcurrentQueue<JsonElement> Withdrawals { get; } = new();
    /// <summary>What broke the connection, if anything; shown when a wait times out.</summary>
    public ConcurrentQueue<string> Errors { get; } = new();

    HubClient(WebSocket socket)
    {
        _socket = socket;
        _reader = Task.Run(ReadLoop);
    }

    /// <param name="open">Opens the WebSocket, e.g. TestServer's client or a ClientWebSocket.</param>
    /// <param name="service">The service's base address, e.g. http://127.0.0.1:5091.</param>
    public static async Task<HubClient> ConnectAsync(Func<Uri, CancellationToken, Task<WebSocket>> open, Uri service, string? token)
    {
        var ws = new UriBuilder(service) { Scheme = service.Scheme == "https" ? "wss" : "ws", Path = "/hubs/tasks", Query = token is null ? "" : "access_token=" + Uri.EscapeDataString(token) };
        var socket = await open(ws.Uri, CancellationToken.None);
        await socket.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}" + RecordSeparator), WebSocketMessageType.Text, true, CancellationToken.None);
        var reply = await ReceiveFrame(socket, CancellationToken.None);
        if (reply.TrimEnd(RecordSeparator) != "{}") throw new InvalidOperationException($"SignalR handshake failed: {reply}");
        var client = new HubClient(socket);
        // The handshake comes before the server joins the groups; this invocation is answered after it.
        await socket.SendAsync(Encoding.UTF8.GetBytes(
                "{\"type\":1,\"invocationId\":\"subscribed\",\"target\":\"Subscribed\",\"arguments\":[]}" + RecordSeparator),
            WebSocketMessageType.Text, true, CancellationToken.None);
        await client._subscribed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        return client;
    }

    readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IEnumerable<TaskSnapshot> ChangesOf(string taskId) => Changes.Where(c => c.TaskId == taskId);

    public Task<TaskSnapshot> WaitForAsync(Func<TaskSnapshot, bool> match, string what, double seconds = 10) =>
        Eventually.Until(() => Changes.FirstOrDefault(match), $"{what} (connection errors: {string.Join(" | ", Errors)})", seconds);

    /// <summary>A ClientWebSocket to a real server.</summary>
    public static async Task<WebSocket> OpenClientWebSocket(Uri uri, CancellationToken ct)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(uri, ct);
        return socket;
    }

    async Task ReadLoop()
    {
        try
        {
            while (!_stop.IsCancellationRequested && _socket.State == WebSocketState.Open)
            {
                var frame = await ReceiveFrame(_socket, _stop.Token);
                foreach (var message in frame.Split(RecordSeparator, StringSplitOptions.RemoveEmptyEntries))
                {
                    using var doc = JsonDocument.Parse(message);
                    var root = doc.RootElement;
                    if (root.GetProperty("type").GetInt32() == 3) _subscribed.TrySetResult();
                    if (root.GetProperty("type").GetInt32() != 1) continue;
                    var argument = root.GetProperty("arguments")[0].Clone();
                    switch (root.GetProperty("target").GetString())
                    {
                        case "taskChanged": Changes.Enqueue(argument.Deserialize<TaskSnapshot>(WireFormat.Options)!); break;
                        case "taskWithdrawn": Withdrawals.Enqueue(argument); break;
                    }
                }
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested) { }
        catch (Exception e)
        {
            Errors.Enqueue(e.ToString());
        }
    }

    static async Task<string> ReceiveFrame(WebSocket socket, CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, ct);
            if (result.MessageType == WebSocketMessageType.Close) return "";
            message.Write(buffer, 0, result.Count);
        } while (!result.EndOfMessage);
        return Encoding.UTF8.GetString(message.ToArray());
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None); } catch (Exception) { }
        try { await _reader; } catch (Exception) { }
        _socket.Dispose();
    }
}
