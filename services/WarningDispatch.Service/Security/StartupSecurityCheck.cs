using Microsoft.Extensions.Options;
using WarningDispatch.Service.Identity;
using WarningDispatch.Service.Ingest;

namespace WarningDispatch.Service.Security;

/// <summary>
/// Runs before any hosted service starts (bus, timers, simulator). Loads the accounts in use, which refuses a start
/// with accounts <see cref="AccountPolicy"/> forbids here (with Redis they may differ from the file), and says so when
/// a production host has no ingest key: <c>POST /api/warnings</c> then refuses every request.
/// </summary>
public sealed class StartupSecurityCheck(
    IServiceProvider services, IHostEnvironment environment, IOptions<IngestOptions> ingest,
    ILogger<StartupSecurityCheck> log) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken ct)
    {
        services.GetRequiredService<AccountDirectory>();
        if (!environment.IsDemoOrTest() && ingest.Value.ApiKeys.Count == 0)
            log.LogWarning("未配置 Ingest:ApiKeys：POST /api/warnings 将拒绝所有请求 " +
                           "(No Ingest:ApiKeys configured: POST /api/warnings refuses every request)");
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken ct) => Task.CompletedTask;
}
