using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace WarningDispatch.TestSupport;

public static class Ports
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

public static class Shell
{
    public static async Task<string> RunAsync(string file, string args, IDictionary<string, string>? env = null,
        int timeoutSeconds = 120)
    {
        var info = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) info.Environment[k] = v;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        await process.WaitForExitAsync(cts.Token);
        var output = await stdout + await stderr;
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {args} exited {process.ExitCode}: {output}");
        return output;
    }

    /// <summary>The command's output, or null when it cannot run.</summary>
    public static string? TryRun(string file, string args)
    {
        try
        {
            var info = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var p = Process.Start(info)!;
            var s = p.StandardOutput.ReadToEnd();
            p.WaitForExit(10_000);
            return s.Trim();
        }
        catch (Exception) { return null; }
    }
}

/// <summary>A private redis-server (own port, own data directory) with AOF and appendfsync always,
/// as production runs.</summary>
public sealed class PrivateRedis : IAsyncDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("wd-redis-").FullName;
    Process? _process;
    ConnectionMultiplexer? _admin;

    public int Port { get; } = Ports.Free();
    public string Configuration => $"127.0.0.1:{Port}";
    /// <summary>How long a synchronous call of the admin connection may wait: short in tests,
    /// so a probe of a crashed Redis fails fast.</summary>
    public int SyncTimeoutMs { get; init; } = 1000;
    public int Pid => _process?.Id ?? 0;

    public async Task StartAsync()
    {
        _process = Process.Start(new ProcessStartInfo("redis-server",
            $"--port {Port} --bind 127.0.0.1 --dir {_dir} --appendonly yes "
            + $"--appendfsync always --save \"\" --daemonize no")
            { RedirectStandardOutput = true, RedirectStandardError = true })!;
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                _admin = await ConnectionMultiplexer.ConnectAsync($"{Configuration},allowAdmin=true,abortConnect=false,"
                    + $"connectTimeout=1000,syncTimeout={SyncTimeoutMs}");
                if (_admin.IsConnected) { await _admin.GetDatabase().PingAsync(); return; }
            }
            catch (RedisException) when (DateTime.UtcNow < deadline) { }
            if (DateTime.UtcNow > deadline)
                throw new InvalidOperationException($"redis-server on port {Port} did not start");
            await Task.Delay(100);
        }
    }

    public IDatabase Db => _admin!.GetDatabase();

    public async Task<Dictionary<string, string>> InfoAsync(string section)
    {
        var server = _admin!.GetServer(_admin.GetEndPoints()[0]);
        var groups = await server.InfoAsync(section);
        return groups.SelectMany(g => g).ToDictionary(kv => kv.Key, kv => kv.Value);
    }

    public async Task<long?> MemoryUsageAsync(string key)
    {
        var r = await Db.ExecuteAsync("MEMORY", "USAGE", key, "SAMPLES", "0");
        return r.IsNull ? null : (long)r;
    }

    /// <summary>A crash, not a shutdown: SIGKILL. <see cref="StartAsync"/> then starts on the same AOF.</summary>
    public void Crash() => Kill();

    public Task FlushAsync() => _admin!.GetServer(_admin.GetEndPoints()[0]).FlushAllDatabasesAsync();

    void Kill()
    {
        _admin?.Dispose();
        _admin = null;
        if (_process is { HasExited: false }) { _process.Kill(); _process.WaitForExit(); }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// A private RabbitMQ node from the Debian package (own node name, ports and data directory), as DEPENDENCIES.md
/// describes; each test (or benchmark scenario) gets its own virtual host so queues never leak between them.
/// </summary>
public sealed class PrivateRabbitMq : IAsyncDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("wd-rabbit-").FullName;
    readonly Dictionary<string, string> _env;

    public int Port { get; } = Ports.Free();
    public string Node { get; }

    public PrivateRabbitMq()
    {
        var dist = Ports.Free();
        Node = $"wdtest{Port}@localhost";
        _env = new Dictionary<string, string>
        {
            ["RABBITMQ_NODENAME"] = Node, ["RABBITMQ_NODE_PORT"] = Port.ToString(CultureInfo.InvariantCulture),
            ["RABBITMQ_DIST_PORT"] = dist.ToString(CultureInfo.InvariantCulture),
            ["RABBITMQ_MNESIA_BASE"] = $"{_dir}/mnesia", ["RABBITMQ_LOG_BASE"] = $"{_dir}/log",
            ["RABBITMQ_PID_FILE"] = $"{_dir}/pid",
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = $"{_dir}/enabled_plugins",
            ["RABBITMQ_CONFIG_FILE"] = $"{_dir}/rabbitmq",
        };
    }

    public async Task StartAsync()
    {
        await File.WriteAllTextAsync($"{_dir}/enabled_plugins", "[].");
        // As root the Debian scripts drop to the rabbitmq user, which must own the directory.
        if (Environment.UserName == "root") await Shell.RunAsync("chown", $"-R rabbitmq:rabbitmq {_dir}");
        await Shell.RunAsync("rabbitmq-server", "-detached", _env);
        await Shell.RunAsync("rabbitmqctl", $"-n {Node} wait --timeout 90 {_dir}/pid", _env);
    }

    public int Pid => int.TryParse(File.Exists($"{_dir}/pid") ? File.ReadAllText($"{_dir}/pid").Trim() : "",
        out var pid) ? pid : 0;

    public async Task StopAsync() => await Shell.RunAsync("rabbitmqctl", $"-n {Node} stop {_dir}/pid", _env);

    public async Task<string> NewVirtualHostAsync(string prefix = "t")
    {
        var vhost = prefix + Guid.NewGuid().ToString("N")[..10];
        await Shell.RunAsync("rabbitmqctl", $"-n {Node} add_vhost {vhost}", _env);
        await Shell.RunAsync("rabbitmqctl", $"-n {Node} set_permissions -p {vhost} guest \".*\" \".*\" \".*\"", _env);
        return vhost;
    }

    public string Uri(string vhost) => $"amqp://guest:guest@127.0.0.1:{Port}/{vhost}";

    /// <summary>Runs <c>rabbitmqctl</c> against this node and returns what it printed.</summary>
    public Task<string> CtlAsync(string args) => Shell.RunAsync("rabbitmqctl", $"-n {Node} {args}", _env);

    public async ValueTask DisposeAsync()
    {
        try { await StopAsync(); } catch (InvalidOperationException) { }
        try { Directory.Delete(_dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
