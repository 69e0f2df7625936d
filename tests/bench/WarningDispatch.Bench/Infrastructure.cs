using System.Diagnostics;
using System.Globalization;

namespace WarningDispatch.Bench;

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
            RedirectStandardOutput = true, RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(_dll)!,
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
            if (_process is { HasExited: true })
                throw new InvalidOperationException($"{_dll} exited with {_process.ExitCode}; see {_logPath}");
            try { if ((await http.GetAsync(path)).IsSuccessStatusCode) return; }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{_dll} not ready after {seconds} s; see {_logPath}");
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
    static readonly double ClockTicks =
        double.TryParse(Shell.TryRun("getconf", "CLK_TCK"), out var hz) && hz > 0 ? hz : 100;

    public readonly record struct Sample(long Timestamp, double CpuSeconds, long RssKb);

    public static Sample? Read(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // After "pid (comm) ": state is field 3, utime 14 and stime 15 (1-based) → indexes 11 and 12 here.
            var cpu = (long.Parse(fields[11], CultureInfo.InvariantCulture)
                + long.Parse(fields[12], CultureInfo.InvariantCulture)) / ClockTicks;
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

/// <summary>
/// Samples one process every <c>interval</c>: CPU used (in cores: 1.0 = one core busy) and resident memory.
/// </summary>
sealed class ProcessSampler : IAsyncDisposable
{
    readonly int[] _pids;
    readonly CancellationTokenSource _stop = new();
    readonly Task _loop;
    public List<Proc.Sample> Samples { get; } = [];

    public ProcessSampler(int pid, TimeSpan interval) : this([pid], interval) { }

    /// <summary>Several processes as one (instances of the service): CPU and RSS added up.</summary>
    public ProcessSampler(int[] pids, TimeSpan interval)
    {
        _pids = pids;
        _loop = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(interval);
            do
            {
                var each = _pids.Select(Proc.Read).ToList();
                if (each.All(s => s is not null))
                {
                    var sum = new Proc.Sample(Stopwatch.GetTimestamp(), each.Sum(s => s!.Value.CpuSeconds),
                        each.Sum(s => s!.Value.RssKb));
                    lock (Samples) Samples.Add(sum);
                }
            } while (await timer.WaitForNextTickAsync(_stop.Token).AsTask().ContinueWith(t => !t.IsCanceled));
        });
    }

    /// <summary>
    /// Average cores busy between two moments (Stopwatch timestamps), and the peak RSS seen in between.
    /// </summary>
    public (double Cores, long PeakRssKb, long LastRssKb) Between(long from, long to)
    {
        lock (Samples)
        {
            var inside = Samples.Where(s => s.Timestamp >= from && s.Timestamp <= to).ToList();
            if (inside.Count < 2)
                return (double.NaN, inside.Select(s => s.RssKb).DefaultIfEmpty().Max(),
                    inside.Select(s => s.RssKb).LastOrDefault());
            var seconds = Stopwatch.GetElapsedTime(inside[0].Timestamp, inside[^1].Timestamp).TotalSeconds;
            return ((inside[^1].CpuSeconds - inside[0].CpuSeconds) / seconds, inside.Max(s => s.RssKb),
                inside[^1].RssKb);
        }
    }

    /// <summary>CPU seconds used between two moments: the rate between the samples inside, times the span.</summary>
    public double CpuSeconds(long from, long to) =>
        Between(from, to).Cores * Stopwatch.GetElapsedTime(from, to).TotalSeconds;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await _loop; } catch (OperationCanceledException) { }
    }
}
