using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using WarningDispatch.Bench;
using static WarningDispatch.Bench.BenchContext;

// tests/bench/run.sh [scenario...] [options] → dotnet WarningDispatch.Bench.dll [scenario...] [options]
// Scenarios: routing latency throughput timers connections reports (default: all). Figures go to the console (a table)
// and to artifacts/bench/<timestamp>.json and artifacts/bench/latest.json. Benchmarks print numbers; nothing here
// passes or fails.
var options = BenchOptions.Parse(args);
var repo = FindRepoRoot();
var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
var outDir = Path.GetFullPath(Path.Combine(repo, options.OutDir));
var runDir = Path.Combine(outDir, stamp);
Directory.CreateDirectory(runDir);
ThreadPool.SetMinThreads(Math.Max(64, Environment.ProcessorCount * 8), 64);

var region = new BenchRegion(options.Officers, boards: options.Boards);
var report = new Dictionary<string, object?>
{
    ["startedAt"] = DateTimeOffset.UtcNow,
    ["command"] = "tests/bench/run.sh " + string.Join(' ', args),
    ["git"] = new { commit = Shell.TryRun("git", $"-C {repo} rev-parse HEAD"),
        dirty = !string.IsNullOrEmpty(Shell.TryRun("git", $"-C {repo} status --porcelain --untracked-files=no")) },
    ["machine"] = Machine(),
    ["options"] = options,
    ["region"] = new { stations = region.Stations.Count, officers = region.OfficerIds.Count,
        boards = region.BoardUsers.Count },
    ["scenarios"] = new Dictionary<string, object?>(),
};
var scenarios = (Dictionary<string, object?>)report["scenarios"]!;

Say($"run {stamp}: {string.Join(", ", options.Scenarios)}; logs in {runDir}");
await using var rabbit = new PrivateRabbitMq();
var needsServers = options.Scenarios.Any(s => s != "routing");
if (needsServers)
{
    foreach (var dll in new[]
        {
            options.ServiceDll ?? "services/WarningDispatch.Service/bin/Release/net10.0/WarningDispatch.Service.dll",
            "tests/bench/WarningDispatch.FloorRelay/bin/Release/net10.0/WarningDispatch.FloorRelay.dll"
        })
        if (!File.Exists(Path.Combine(repo, dll)))
            throw new FileNotFoundException("Build in Release first (tests/bench/run.sh does)", dll);
    Say("starting a private RabbitMQ node");
    await rabbit.StartAsync();
}
var ctx = new BenchContext
{
    Options = options, RepoRoot = repo, RunDir = runDir, Rabbit = rabbit, Region = region,
    RegionFile = region.WriteTo(runDir),
};

foreach (var name in BenchOptions.All.Append("profile").Where(options.Scenarios.Contains))
{
    var started = Stopwatch.GetTimestamp();
    var load = LoadAverage();
    Say($"== {name}");
    object? result;
    try
    {
        result = name switch
        {
            "routing" => await RoutingScenario.RunAsync(ctx),
            "latency" => await LatencyScenario.RunAsync(ctx),
            "throughput" => await ThroughputScenario.RunAsync(ctx),
            "timers" => await TimersScenario.RunAsync(ctx),
            "connections" => await ConnectionsScenario.RunAsync(ctx),
            "reports" => await ReportsScenario.RunAsync(ctx),
            "profile" => await ProfileScenario.RunAsync(ctx),
            _ => throw new ArgumentException(name),
        };
    }
    catch (Exception e)
    {
        Say($"{name} failed: {e}");
        result = new { error = e.ToString() };
    }
    scenarios[name] = new Dictionary<string, object?>
    {
        ["seconds"] = Stopwatch.GetElapsedTime(started).TotalSeconds,
        ["loadAverageAtStart"] = load,
        ["loadAverageAtEnd"] = LoadAverage(),
        ["result"] = result,
    };
    await WriteAsync();
}
report["finishedAt"] = DateTimeOffset.UtcNow;
await WriteAsync();
var table = Report.Table(report);
Console.WriteLine();
Console.WriteLine(table);
await File.WriteAllTextAsync(Path.Combine(runDir, "table.txt"), table);
Say($"figures: {Path.Combine(outDir, stamp + ".json")} (and latest.json); table: {Path.Combine(runDir, "table.txt")}");
return 0;

async Task WriteAsync()
{
    var json = JsonSerializer.Serialize(report, JsonOut.Options);
    await File.WriteAllTextAsync(Path.Combine(outDir, stamp + ".json"), json);
    await File.WriteAllTextAsync(Path.Combine(outDir, "latest.json"), json);
}

static string FindRepoRoot()
{
    var dir = new DirectoryInfo(Directory.GetCurrentDirectory());
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "WarningDispatch.sln"))) dir = dir.Parent;
    dir ??= new DirectoryInfo(AppContext.BaseDirectory);
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "WarningDispatch.sln"))) dir = dir.Parent;
    return dir?.FullName ?? throw new InvalidOperationException("WarningDispatch.sln not found");
}

static object Machine()
{
    string? Line(string file, string prefix) => File.Exists(file)
        ? File.ReadLines(file).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))
        : null;
    return new
    {
        cpu = Line("/proc/cpuinfo", "model name")?.Split(':', 2)[1].Trim(),
        cores = Environment.ProcessorCount,
        memoryGb = Math.Round(long.Parse(Line("/proc/meminfo", "MemTotal:")!
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1048576.0, 1),
        os = Line("/etc/os-release", "PRETTY_NAME=")?.Split('=', 2)[1].Trim('"'),
        kernel = File.ReadAllText("/proc/sys/kernel/osrelease").Trim(),
        runtime = RuntimeInformation.FrameworkDescription,
        redis = Shell.TryRun("redis-server", "--version"),
        rabbitmq = Shell.TryRun("dpkg-query", "-W -f=${Version} rabbitmq-server"),
        erlang = Shell.TryRun("dpkg-query", "-W -f=${Version} erlang-base"),
        loadAverage = File.ReadAllText("/proc/loadavg").Trim(),
    };
}

static class JsonOut
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DictionaryKeyPolicy = null,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
