using System.Buffers;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;

namespace WarningDispatch.Bench;

enum ConsoleRole { Officer, Board }

/// <summary>
/// One console's connection to a SignalR hub: a ClientWebSocket speaking the SignalR JSON protocol, as
/// tests/WarningDispatch.TestSupport/HubClient.cs does, but lean enough for thousands in one process: it does not
/// deserialize snapshots, it only finds the instruction id in each taskChanged invocation and stamps the arrival time.
/// </summary>
sealed class HubConsole
{
    const byte RecordSeparator = 0x1e;
    static readonly byte[] Handshake = Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}\u001e");
    static readonly byte[] Ping = Encoding.UTF8.GetBytes("{\"type\":6}\u001e");
    static readonly byte[] TaskChangedTarget = Encoding.UTF8.GetBytes("\"target\":\"taskChanged\"");
    static readonly byte[] InstructionIdKey = Encoding.UTF8.GetBytes("\"instructionId\"");

    readonly ClientWebSocket _socket = new();
    byte[] _buffer = new byte[8 * 1024];

    public HubConsole(ConsoleRole role, int roleIndex) { Role = role; RoleIndex = roleIndex; }

    public ConsoleRole Role { get; }
    /// <summary>Officer number (0-based) or board number.</summary>
    public int RoleIndex { get; }
    public string? Error { get; private set; }
    public bool IsOpen => _socket.State == WebSocketState.Open;

    public delegate void TaskArrived(HubConsole console, ReadOnlySpan<byte> instructionId, long timestamp);

    public async Task ConnectAsync(Uri hub, CancellationToken ct)
    {
        _socket.Options.KeepAliveInterval = TimeSpan.Zero; // SignalR pings instead (see SendPingAsync)
        await _socket.ConnectAsync(hub, ct);
        await _socket.SendAsync(Handshake, WebSocketMessageType.Text, true, ct);
        var (length, _) = await ReceiveMessageAsync(ct);
        var first = Array.IndexOf(_buffer, RecordSeparator, 0, length);
        if (first < 0 || Encoding.UTF8.GetString(_buffer, 0, first) != "{}")
            throw new InvalidOperationException(
                $"SignalR handshake failed: {Encoding.UTF8.GetString(_buffer, 0, length)}");
    }

    public Task SendPingAsync() => _socket.SendAsync(Ping, WebSocketMessageType.Text, true, CancellationToken.None);

    public async Task ReadLoopAsync(TaskArrived onTask, CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var (length, close) = await ReceiveMessageAsync(ct);
                var at = Stopwatch.GetTimestamp();
                if (close) { Error ??= "closed by server"; return; }
                Dispatch(_buffer.AsSpan(0, length), at, onTask);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        catch (Exception e) { Error ??= e.GetType().Name + ": " + e.Message; }
    }

    void Dispatch(ReadOnlySpan<byte> frame, long at, TaskArrived onTask)
    {
        while (frame.Length > 0)
        {
            var end = frame.IndexOf(RecordSeparator);
            var record = end < 0 ? frame : frame[..end];
            frame = end < 0 ? default : frame[(end + 1)..];
            if (record.IndexOf(TaskChangedTarget) < 0) continue;
            if (JsonScan.StringValue(record, InstructionIdKey) is { Length: > 0 } id) onTask(this, id, at);
        }
    }

    async Task<(int Length, bool Close)> ReceiveMessageAsync(CancellationToken ct)
    {
        var length = 0;
        while (true)
        {
            if (length == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
            var result = await _socket.ReceiveAsync(_buffer.AsMemory(length), ct);
            if (result.MessageType == WebSocketMessageType.Close) return (length, true);
            length += result.Count;
            if (result.EndOfMessage) return (length, false);
        }
    }

    public async Task CloseAsync()
    {
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", cts.Token);
        }
        catch (Exception) { }
        _socket.Dispose();
    }
}

static class JsonScan
{
    /// <summary>
    /// The string value of the first property named by <paramref name="quotedKey"/> (with its quotes), without parsing
    /// the document.
    /// </summary>
    public static ReadOnlySpan<byte> StringValue(ReadOnlySpan<byte> json, ReadOnlySpan<byte> quotedKey)
    {
        var key = json.IndexOf(quotedKey);
        if (key < 0) return default;
        var rest = json[(key + quotedKey.Length)..].TrimStart(" \t\r\n"u8);
        if (rest.Length == 0 || rest[0] != (byte)':') return default;
        rest = rest[1..].TrimStart(" \t\r\n"u8);
        if (rest.Length == 0 || rest[0] != (byte)'"') return default;
        rest = rest[1..];
        var quote = rest.IndexOf((byte)'"');
        return quote < 0 ? default : rest[..quote];
    }
}

/// <summary>Many consoles: connects them with bounded concurrency, runs their read loops, pings every 10 s.</summary>
sealed class ConsoleFleet : IAsyncDisposable
{
    readonly List<HubConsole> _consoles = [];
    readonly List<Task> _loops = [];
    readonly CancellationTokenSource _stop = new();
    Task? _pinger;

    public IReadOnlyList<HubConsole> Consoles => _consoles;
    public HubConsole.TaskArrived? OnTask { get; set; }

    /// <summary>Connects one console per (role, index, uri); returns the seconds it took.</summary>
    public async Task<double> ConnectAsync(IReadOnlyList<(ConsoleRole Role, int Index, Uri Hub)> targets,
        int concurrency = 64)
    {
        var started = Stopwatch.GetTimestamp();
        using var gate = new SemaphoreSlim(concurrency);
        var connecting = targets.Select(async t =>
        {
            await gate.WaitAsync();
            try
            {
                var console = new HubConsole(t.Role, t.Index);
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                        await console.ConnectAsync(t.Hub, cts.Token);
                        break;
                    }
                    catch (Exception) when (attempt < 3)
                    {
                        await console.CloseAsync();
                        console = new HubConsole(t.Role, t.Index);
                        await Task.Delay(200);
                    }
                }
                return console;
            }
            finally { gate.Release(); }
        }).ToList();
        var connected = await Task.WhenAll(connecting);
        lock (_consoles)
        {
            foreach (var c in connected)
            {
                _consoles.Add(c);
                _loops.Add(Task.Run(() => c.ReadLoopAsync((console, id, at) => OnTask?.Invoke(console, id, at),
                    _stop.Token)));
            }
        }
        _pinger ??= Task.Run(PingLoopAsync);
        return Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    /// <summary>
    /// The server drops a client it has not heard from for 30 s (ClientTimeoutInterval), so every console sends a
    /// SignalR ping every 10 s, as the JavaScript client does, spread over the interval.
    /// </summary>
    async Task PingLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HubConsole[] all;
            lock (_consoles) all = [.. _consoles];
            var spacing = TimeSpan.FromMilliseconds(10_000.0 / Math.Max(1, all.Length));
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < all.Length && !_stop.IsCancellationRequested; i++)
            {
                if (all[i].IsOpen) { try { await all[i].SendPingAsync(); } catch (Exception) { } }
                var due = TimeSpan.FromTicks(spacing.Ticks * (i + 1)) - Stopwatch.GetElapsedTime(started);
                if (due > TimeSpan.FromMilliseconds(20))
                {
                    try { await Task.Delay(due, _stop.Token); } catch (OperationCanceledException) { return; }
                }
            }
            if (all.Length == 0)
            {
                try { await Task.Delay(1000, _stop.Token); } catch (OperationCanceledException) { return; }
            }
        }
    }

    public int OpenCount => _consoles.Count(c => c.IsOpen);
    public IEnumerable<string> Errors =>
        _consoles.Where(c => c.Error is not null).Select(c => c.Error!).Distinct().Take(5);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_consoles.Select(c => c.CloseAsync()));
        try { await Task.WhenAll(_loops); } catch (Exception) { }
        if (_pinger is not null) try { await _pinger; } catch (Exception) { }
    }
}
