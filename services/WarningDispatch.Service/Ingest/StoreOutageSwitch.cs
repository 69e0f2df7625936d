using MassTransit;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace WarningDispatch.Service.Ingest;

/// <summary>
/// When this instance cannot reach its store, it stops taking instructions and gives back the ones it holds (the
/// endpoint stops; what it had not acknowledged returns to the queue for the instances that can reach the store),
/// probes the store once a second through the readiness checks, and starts taking instructions again by itself.
/// Holding the messages instead would keep a prefetch of instructions hostage for the whole outage while healthy
/// instances sit idle. With a single instance nothing changes for the user: the messages wait in the queue.
/// </summary>
public sealed class StoreOutageSwitch(IServiceProvider services, TimeProvider clock, ILogger<StoreOutageSwitch> log)
    : IReceiveEndpointObserver
{
    static readonly TimeSpan ProbeEvery = TimeSpan.FromSeconds(1);
    IReceiveEndpoint? _endpoint;
    int _open;

    public Task Ready(ReceiveEndpointReady ready)
    {
        _endpoint = ready.ReceiveEndpoint;
        return Task.CompletedTask;
    }

    /// <summary>
    /// The store failed under a message that is about to be given back unacknowledged: stop taking more until it
    /// answers again (once per outage), and pause first so that the redelivery does not spin.
    /// </summary>
    public Task GiveBackAsync()
    {
        if (Interlocked.Exchange(ref _open, 1) == 0) _ = SitOutAsync();
        return Task.Delay(GiveBackPause, CancellationToken.None);
    }

    static readonly TimeSpan GiveBackPause = TimeSpan.FromSeconds(1);

    async Task SitOutAsync()
    {
        try
        {
            log.LogWarning("存储不可达：本实例暂停接收指令并交回未确认的消息 " +
                           "(store unreachable: this instance stops taking instructions and gives back what it holds)");
            if (_endpoint is { } endpoint) await endpoint.Stop();
            while (!await StoreAnswersAsync()) await Task.Delay(ProbeEvery, clock);
            _endpoint?.Start();
            log.LogWarning("存储已恢复：本实例重新接收指令 (store reachable again: this instance takes instructions again)");
        }
        catch (Exception e)
        {
            log.LogError(e, "Stopping or restarting the instructions endpoint failed");
        }
        finally
        {
            Volatile.Write(ref _open, 0);
        }
    }

    async Task<bool> StoreAnswersAsync()
    {
        // Resolved here, not injected: the health checks include the bus's, and the bus is built with this switch.
        var health = services.GetRequiredService<HealthCheckService>();
        var report = await health.CheckHealthAsync(check => check.Tags.Contains(StoreTag));
        return report.Status == HealthStatus.Healthy;
    }

    /// <summary>The readiness checks of the store carry this tag.</summary>
    public const string StoreTag = "store";

    public Task Stopping(ReceiveEndpointStopping stopping) => Task.CompletedTask;
    public Task Completed(ReceiveEndpointCompleted completed) => Task.CompletedTask;
    public Task Faulted(ReceiveEndpointFaulted faulted) => Task.CompletedTask;
}
