using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace WarningDispatch.Bench;

static class Ports
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

static class Shell
{
    public static async Task<string> RunAsync(string file, string args, IDictionary<string, string>? env = null, int timeoutSeconds = 120)
    {
        var info = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) info.Environment[k] = v;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        await process.WaitForExitAsync(cts.Token);
        var output = await stdout + await stderr;
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {args} exited {process.ExitCode}: {output}");
        return output;
    }

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

/// <summary>A private redis-server exactly as the infrastructure tests start it: own port and directory, AOF, appendfsync always.</summary>
sealed class PrivateRedis : IAsyncDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("wd-bench-redis-").FullName;
    Process? _process;
    ConnectionMultiplexer? _admin;

    public int Port { get; } = Ports.Free();
    public string Configuration => $"127.0.0.1:{Port}";
    public int Pid => _process?.Id ?? 0;

    public async Task StartAsync()
    {
        _process = Process.Start(new ProcessStartInfo("redis-server",
            $"--port {Port} --bind 127.0.0.1 --dir {_dir} --appendonly yes --appendfsync always --save \"\" --daemonize no")
            { RedirectStandardOutput = true, RedirectStandardError = true })!;
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                _admin = await ConnectionMultiplexer.ConnectAsync($"{Configuration},allowAdmin=true,abortConnect=false,connectTimeout=1000,syncTimeout=30000");
                if (_admin.IsConnected) { await _admin.GetDatabase().PingAsync(); return; }
            }
            catch (RedisException) when (DateTime.UtcNow < deadline) { }
            if (DateTime.UtcNow > deadline) throw new InvalidOperationException($"redis-server on port {Port} did not start");
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

    public ValueTask DisposeAsync()
    {
        _admin?.Dispose();
        if (_process is { HasExited: false }) { _process.Kill(); _process.WaitForExit(); }
        try { Directory.Delete(_dir, true); } catch (IOException) { }
        return ValueTask.CompletedTask;
    }
}

/// <summary>A private RabbitMQ node from the Debian package (own node name, ports, data directory), as the tests start it.</summary>
sealed class PrivateRabbitMq : IAsyncDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("wd-bench-rabbit-").FullName;
    readonly Dictionary<string, string> _env;

    public int Port { get; } = Ports.Free();
    public string Node { get; }

    public PrivateRabbitMq()
    {
        var dist = Ports.Free();
        Node = $"wdbench{Port}@localhost";
        _env = new Dictionary<string, string>
        {
            ["RABBITMQ_NODENAME"] = Node, ["RABBITMQ_NODE_PORT"] = Port.ToString(CultureInfo.InvariantCulture), ["RABBITMQ_DIST_PORT"] = dist.ToString(CultureInfo.InvariantCulture),
            ["RABBITMQ_MNESIA_BASE"] = $"{_dir}/mnesia", ["RABBITMQ_LOG_BASE"] = $"{_dir}/log", ["RABBITMQ_PID_FILE"] = $"{_dir}/pid",
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = $"{_dir}/enabled_plugins", ["RABBITMQ_CONFIG_FILE"] = $"{_dir}/rabbitmq",
        };
    }

    public async Task StartAsync()
    {
        await File.WriteAllTextAsync($"{_dir}/enabled_plugins", "[].");
        if (Environment.UserName == "root") await Shell.RunAsync("chown", $"-R rabbitmq:rabbitmq {_dir}");
        await Shell.RunAsync("rabbitmq-server", "-detached", _env);
        await Shell.RunAsync("rabbitmqctl", $"-n {Node} wait --timeout 90 {_dir}/pid", _env);
    }

    public int Pid => int.TryParse(File.Exists($"{_dir}/pid") ? File.ReadAllText($"{_dir}/pid").Trim() : "", out var pid) ? pid : 0;

    public async Task<string> NewVirtualHostAsync(string prefix)
    {
        var vhost = prefix + Guid.NewGuid().ToString("N")[..8];
        await Shell.RunAsync("rabbitmqctl", $"-n {Node} add_vhost {vhost}", _env);
        await Shell.RunAsync("rabbitmqctl", $"-n {Node} set_permissions -p {vhost} guest \".*\" \".*\" \".*\"", _env);
        return vhost;
    }

    public string Uri(string vhost) => $"amqp://guest:guest@127.0.0.1:{Port}/{vhost}";

    public async ValueTask DisposeAsync()
    {
        try { await Shell.RunAsync("rabbitmqctl", $"-n {Node} stop {_dir}/pid", _env); } catch (Exception) { }
        try { Directory.Delete(_dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>A .NET app of ours (the service or the floor relay) as its own process, its output in a log file.</summary>
sealed class AppProcess : IAsyncDisposable
{
    readonly string _dll;
    readonly Dictionary<string, string> _env;
    readonly string _logPath;
    Process? _process;
    StreamWriter? _log;

    public AppProcess(string name, string dll, Dictionary<string, string> env, string logDir)
    {
        _dll = dll;
        Port = Ports.Free();
        BaseAddress = new Uri($"http://127.0.0.1:{Port}");
        _env = new Dictionary<string, string>(env) { ["ASPNETCORE_URLS"] = BaseAddress.ToString() };
        Directory.CreateDirectory(logDir);
        _logPath = Path.Combine(logDir, name + ".log");
    }

    public int Port { get; }
    public Uri BaseAddress { get; }
    public int Pid => _process?.Id ?? 0;
    public string LogPath => _logPath;

    public void Launch()
    {
        var info = new ProcessStartInfo("dotnet", $"\"{_dll}\"")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(_dll)!,
        };
        foreach (var (k, v) in _env) info.Environment[k] = v;
        _log ??= new StreamWriter(_logPath, append: true) { AutoFlush = true };
        _log.WriteLine($"---- start {DateTime.UtcNow:O}");
        _process = Process.Start(info)!;
        var log = _log;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public async Task WaitReadyAsync(string path = "/health/ready", int seconds = 120)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            if (_process is { HasExited: true }) throw new InvalidOperationException($"{_dll} exited with {_process.ExitCode}; see {_logPath}");
            try { if ((await http.GetAsync(path)).IsSuccessStatusCode) return; }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{_dll} not ready after {seconds} s; see {_logPath}");
            await Task.Delay(100);
        }
    }

    public async Task StartAsync()
    {
        Launch();
        await WaitReadyAsync();
    }

    /// <summary>SIGTERM (graceful shutdown), SIGKILL after 15 s.</summary>
    public async Task StopAsync()
    {
        if (_process is not { HasExited: false } p) return;
        Shell.TryRun("kill", $"-TERM {p.Id}");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try { await p.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException) { p.Kill(entireProcessTree: true); await p.WaitForExitAsync(); }
        _log?.WriteLine($"---- stopped {DateTime.UtcNow:O}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _log?.Dispose();
    }
}

/// <summary>CPU time and memory of a process from /proc/&lt;pid&gt;/stat and /proc/&lt;pid&gt;/status.</summary>
static class Proc
{
    static readonly double ClockTicks = double.TryParse(Shell.TryRun("getconf", "CLK_TCK"), out var hz) && hz > 0 ? hz : 100;

    public readonly record struct Sample(long Timestamp, double CpuSeconds, long RssKb);

    public static Sample? Read(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // After "pid (comm) ": state is field 3, utime 14 and stime 15 (1-based) → indexes 11 and 12 here.
            var cpu = (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / ClockTicks;
            return new Sample(Stopwatch.GetTimestamp(), cpu, StatusKb(pid, "VmRSS:") ?? 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException) { return null; }
    }

    public static long? StatusKb(int pid, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith(field, StringComparison.Ordinal))
                    return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException) { }
        return null;
    }
}

/// <summary>Samples one process every <c>interval</c>: CPU used (in cores: 1.0 = one core busy) and resident memory.</summary>
sealed class ProcessSampler : IAsyncDisposable
{
    readonly int _pid;
    readonly CancellationTokenSource _stop = new();
    readonly Task _loop;
    public List<Proc.Sample> Samples { get; } = [];

    public ProcessSampler(int pid, TimeSpan interval)
    {
        _pid = pid;
        _loop = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(interval);
            do
            {
                if (Proc.Read(_pid) is { } s) lock (Samples) Samples.Add(s);
            } while (await timer.WaitForNextTickAsync(_stop.Token).AsTask().ContinueWith(t => !t.IsCanceled));
        });
    }

    /// <summary>Average cores busy between two moments (Stopwatch timestamps), and the peak RSS seen in between.</summary>
    public (double Cores, long PeakRssKb, long LastRssKb) Between(long from, long to)
    {
        lock (Samples)
        {
            var inside = Samples.Where(s => s.Timestamp >= from && s.Timestamp <= to).ToList();
            if (inside.Count < 2) return (double.NaN, inside.Select(s => s.RssKb).DefaultIfEmpty().Max(), inside.Select(s => s.RssKb).LastOrDefault());
            var seconds = Stopwatch.GetElapsedTime(inside[0].Timestamp, inside[^1].Timestamp).TotalSeconds;
            return ((inside[^1].CpuSeconds - inside[0].CpuSeconds) / seconds, inside.Max(s => s.RssKb), inside[^1].RssKb);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await _loop; } catch (OperationCanceledException) { }
    }
}
