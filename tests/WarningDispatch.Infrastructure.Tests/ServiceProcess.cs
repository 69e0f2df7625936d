using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using WarningDispatch.TestSupport;

namespace WarningDispatch.Infrastructure.Tests;

/// <summary>
/// One instance of the service as its own process on real RabbitMQ and Redis, so a test can kill -9 it.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    public const string ApiKey = "infra-test-ingest-key-01";
    readonly Dictionary<string, string> _env;
    readonly string _logPath;
    Process? _process;
    StreamWriter? _log;

    public ServiceProcess(string name, string rabbitUri, string redisConfiguration,
        IDictionary<string, string>? settings = null)
    {
        Port = Ports.Free();
        BaseAddress = new Uri($"http://127.0.0.1:{Port}");
        _env = new Dictionary<string, string>
        {
            // Testing, not Production: these processes run the demo region, whose demo accounts Production refuses.
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["ASPNETCORE_URLS"] = BaseAddress.ToString(),
            ["ConnectionStrings__RabbitMq"] = rabbitUri,
            ["ConnectionStrings__Redis"] = redisConfiguration,
            ["Ingest__ApiKeys__0"] = ApiKey,
            // As production runs: the key ring every instance shares in Redis is encrypted at rest.
            ["DataProtection__KeyEncryptionKey"] = "d2QtaW5mcmEtdGVzdC1rZXktZW5jcnlwdGlvbi1rZXk=",
            ["Correlation__PersonKey"] = "d2QtaW5mcmEtdGVzdC1wZXJzb24ta2V5LW9mLTMyLWJ5dGVz",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__WarningDispatch"] = "Warning",
            ["Logging__Console__FormatterName"] = "simple",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string>()) _env[k.Replace(":", "__")] = v;
        var logs = Path.Combine(Repository.Root, "artifacts", "infrastructure-logs");
        Directory.CreateDirectory(logs);
        _logPath = Path.Combine(logs, $"{TestContext.CurrentContext.Test.Name}-{name}.log");
    }

    public int Port { get; }
    public Uri BaseAddress { get; }
    /// <summary>Everything the process wrote, across restarts.</summary>
    public string LogPath => _logPath;

    /// <summary>
    /// The service's own build output (same configuration as the tests), built before the tests by the project
    /// reference.
    /// </summary>
    static string ServiceDll()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar))
            .Parent!.Name;
        var path = Path.Combine(Repository.Root, "services", "WarningDispatch.Service", "bin", configuration, "net10.0",
            "WarningDispatch.Service.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the service first", path);
    }

    public async Task StartAsync()
    {
        var info = new ProcessStartInfo("dotnet", $"\"{ServiceDll()}\"")
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(ServiceDll())!,
        };
        foreach (var (k, v) in _env) info.Environment[k] = v;
        _log = new StreamWriter(_logPath, append: true) { AutoFlush = true };
        await _log.WriteLineAsync($"---- start {DateTime.UtcNow:O}");
        _process = Process.Start(info)!;
        var log = _log;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        await Eventually.Until(async () =>
        {
            if (_process.HasExited) Assert.Fail($"The service exited with {_process.ExitCode}; see {_logPath}");
            try { return (await http.GetAsync("/health/ready")).IsSuccessStatusCode ? "ready" : null; }
            catch (HttpRequestException) { return null; }
            catch (TaskCanceledException) { return null; }
        }, $"service ready on {BaseAddress} (log {_logPath})", seconds: 90);
    }

    /// <summary>kill -9: no shutdown hooks, no flushing, in-flight messages unacknowledged.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _log?.WriteLine($"---- killed {DateTime.UtcNow:O}");
    }

    public async Task<HttpClient> ClientAsync(string username)
    {
        var http = new HttpClient { BaseAddress = BaseAddress };
        var response = await http.PostAsJsonAsync("/api/auth/login", new { username, password = "demo" });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return http;
    }

    public async Task<HubClient> HubAsync(string username)
    {
        using var http = await ClientAsync(username);
        return await HubClient.ConnectAsync(BaseAddress, http.DefaultRequestHeaders.Authorization!.Parameter);
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
