using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace WarningDispatch.Bench;

sealed record BenchOptions
{
    public List<string> Scenarios { get; init; } = [];
    public bool Quick { get; init; }
    public int[] Rates { get; init; } = [100, 500, 2000];
    public int Seconds { get; init; } = 30;
    public int Backlog { get; init; } = 100_000;
    public int Timers { get; init; } = 100_000;
    public int TimerWindowSeconds { get; init; } = 60;
    public int Connections { get; init; } = 5000;
    public int Officers { get; init; } = 1000;
    public int Boards { get; init; } = 20;
    public bool ThroughputConsoles { get; init; } = true;
    /// <summary>Service processes in the latency scenario, on one Redis and vhost (competing consumers).</summary>
    public int Instances { get; init; } = 1;
    public string OutDir { get; init; } = "artifacts/bench";
    public string? ExtraServiceEnv { get; init; }
    /// <summary>
    /// Another build of the service to run instead of the Release build of this tree (for before/after runs).
    /// </summary>
    public string? ServiceDll { get; init; }

    public static readonly string[] All = ["routing", "latency", "throughput", "timers", "connections", "reports"];

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions();
        var scenarios = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => args[++i];
            switch (args[i])
            {
                case "--quick":
                    o = o with { Quick = true, Rates = [100, 500], Seconds = 10, Backlog = 20_000, Timers = 20_000,
                        TimerWindowSeconds = 20, Connections = 1000 };
                    break;
                case "--rates": o = o with { Rates = Next().Split(',').Select(int.Parse).ToArray() }; break;
                case "--seconds": o = o with { Seconds = int.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                case "--backlog": o = o with { Backlog = int.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                case "--timers": o = o with { Timers = int.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                case "--timer-window":
                    o = o with { TimerWindowSeconds = int.Parse(Next(), CultureInfo.InvariantCulture) };
                    break;
                case "--connections":
                    o = o with { Connections = int.Parse(Next(), CultureInfo.InvariantCulture) };
                    break;
                case "--no-throughput-consoles": o = o with { ThroughputConsoles = false }; break;
                case "--instances":
                    o = o with { Instances = Math.Max(1, int.Parse(Next(), CultureInfo.InvariantCulture)) };
                    break;
                case "--out": o = o with { OutDir = Next() }; break;
                case "--service-env": o = o with { ExtraServiceEnv = Next() }; break;
                case "--service-dll": o = o with { ServiceDll = Path.GetFullPath(Next()) }; break;
                case "all": scenarios.AddRange(All); break;
                default:
                    if (All.Contains(args[i]) || args[i] == "profile") scenarios.Add(args[i]);
                    else throw new ArgumentException(
                        $"unknown argument {args[i]}; scenarios: {string.Join(", ", All)}, all, profile; options:"
                        + $" --quick --rates --seconds --backlog --timers --timer-window --connections"
                        + $" --no-throughput-consoles --instances N --out --service-env K=V,K=V --service-dll PATH");
                    break;
            }
        }
        return o with { Scenarios = scenarios.Count == 0 ? [.. All] : scenarios.Distinct().ToList() };
    }
}

/// <summary>What every scenario shares: paths, the RabbitMQ node, the generated region, the log folder.</summary>
sealed class BenchContext
{
    public const string ApiKey = "bench-ingest-key-0001";
    static readonly string KeyEncryptionKey =
        Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
    public required BenchOptions Options { get; init; }
    public required string RepoRoot { get; init; }
    public required string RunDir { get; init; }
    public required PrivateRabbitMq Rabbit { get; init; }
    public required BenchRegion Region { get; init; }
    public required string RegionFile { get; init; }
    public string ServiceDll => Options.ServiceDll ?? Path.Combine(RepoRoot,
        "services/WarningDispatch.Service/bin/Release/net10.0/WarningDispatch.Service.dll");
    public string RelayDll => Path.Combine(RepoRoot,
        "tests/bench/WarningDispatch.FloorRelay/bin/Release/net10.0/WarningDispatch.FloorRelay.dll");
    public string BenchmarksDll => Path.Combine(RepoRoot,
        "tests/bench/WarningDispatch.Benchmarks/bin/Release/net10.0/WarningDispatch.Benchmarks.dll");
    public string LogDir => Path.Combine(RunDir, "logs");
    /// <summary>
    /// Seconds the last throughput run took to drain its backlog, to plan the timer scenario's lead time.
    /// </summary>
    public double? LastDrainSeconds { get; set; }

    public Dictionary<string, string> ServiceEnv(string rabbitUri, string redis,
        IDictionary<string, string>? settings = null)
    {
        var env = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__RabbitMq"] = rabbitUri,
            ["ConnectionStrings__Redis"] = redis,
            ["Ingest__ApiKeys__0"] = ApiKey,
            ["Region__DataFile"] = RegionFile,
            // Production requires the key ring encrypted at rest; a fresh key per run.
            ["DataProtection__KeyEncryptionKey"] = KeyEncryptionKey,
            // Production requires the key of the person index (an older service ignores it).
            ["Correlation__PersonKey"] = KeyEncryptionKey,
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__WarningDispatch"] = "Warning",
            ["Logging__Console__FormatterName"] = "simple",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string>()) env[k.Replace(":", "__")] = v;
        foreach (var kv in (Options.ExtraServiceEnv ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = kv.IndexOf('=');
            env[kv[..eq].Replace(":", "__")] = kv[(eq + 1)..];
        }
        return env;
    }

    /// <summary>
    /// Acknowledgement windows long enough that no escalation timer fires while a scenario measures something else.
    /// </summary>
    public static readonly Dictionary<string, string> QuietTimers = new()
    {
        ["Escalation:AckHigh"] = "02:00:00", ["Escalation:AckMedium"] = "02:00:00", ["Escalation:AckLow"] = "02:00:00",
    };

    public static async Task<Dictionary<string, string>> LoginAsync(Uri service, IEnumerable<string> users,
        int concurrency = 16)
    {
        using var http = new HttpClient { BaseAddress = service, Timeout = TimeSpan.FromSeconds(30) };
        using var gate = new SemaphoreSlim(concurrency);
        var list = users.ToList();
        var tokens = await Task.WhenAll(list.Select(async user =>
        {
            await gate.WaitAsync();
            try
            {
                var response = await http.PostAsJsonAsync("/api/auth/login",
                    new { username = user, password = BenchRegion.Password });
                response.EnsureSuccessStatusCode();
                return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken")
                    .GetString()!;
            }
            finally { gate.Release(); }
        }));
        return list.Zip(tokens).ToDictionary(p => p.First, p => p.Second);
    }

    public static Uri ServiceHub(Uri service, string token) =>
        new UriBuilder(service) { Scheme = "ws", Path = "/hubs/tasks",
            Query = "access_token=" + Uri.EscapeDataString(token) }.Uri;

    public static Uri RelayHub(Uri relay, string query) =>
        new UriBuilder(relay) { Scheme = "ws", Path = "/hubs/tasks", Query = query }.Uri;

    public static double Ms(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;

    public static async Task<bool> WaitUntilAsync(Func<bool> done, TimeSpan timeout, int pollMs = 50)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (!done())
        {
            if (Stopwatch.GetTimestamp() > deadline) return false;
            await Task.Delay(pollMs);
        }
        return true;
    }

    public static double LoadAverage() =>
        double.TryParse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture, out var l)
            ? l : double.NaN;

    /// <summary>
    /// Share of the last 10 s in which some runnable task waited for a CPU (Linux PSI): how contended the machine is.
    /// </summary>
    public static double CpuPressure()
    {
        try
        {
            var some = File.ReadLines("/proc/pressure/cpu").First().Split(' ')
                .First(f => f.StartsWith("avg10=", StringComparison.Ordinal));
            return double.Parse(some[6..], CultureInfo.InvariantCulture);
        }
        catch (Exception) { return double.NaN; }
    }

    public static void Say(string line) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {line}");
}
