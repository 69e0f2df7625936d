using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using WarningDispatch.Service.Hosting;

namespace WarningDispatch.Service.Realtime;

/// <summary>
/// Instances sharing a store: each beats every <see cref="InstancePresenceOptions.Heartbeat"/> and learns how many
/// others are alive. A change is announced unless the last beat, recent enough, found none. A starting instance lets
/// its consoles subscribe only after <see cref="InstancePresenceOptions.HandOver"/>, by when every other instance has
/// seen it in a beat of its own; one found missing from the live set (silent past its lapse: cut off from the store)
/// tells its consoles after the same wait to read their tasks again, since changes made meanwhile were not announced
/// to it.
/// </summary>
public sealed class SharedInstancePresence(
    IInstanceRegistry registry,
    ServiceInstance instance,
    IHubContext<TasksHub, ITaskClient> hub,
    IOptions<InstancePresenceOptions> options,
    TimeProvider clock,
    ILogger<SharedInstancePresence> log) : BackgroundService, IInstancePresence
{
    readonly InstancePresenceOptions _options = options.Value;
    readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    volatile bool _othersAlive = true;
    long _beatAt; // timestamp of the last beat that reached the store; 0 before the first

    public bool OthersMayListen => _othersAlive || Volatile.Read(ref _beatAt) is var at && (at == 0
        || clock.GetElapsedTime(at) > _options.Lapse);

    public Task Ready => _ready.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var now = clock.GetUtcNow();
                var beat = await registry.BeatAsync(instance.Id, now, now + _options.Lapse, stoppingToken);
                _othersAlive = beat.Others > 0;
                Volatile.Write(ref _beatAt, clock.GetTimestamp());
                if (!beat.WasAlive) _ = HandOverAsync(returning: _ready.Task.IsCompleted, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogWarning("Instance heartbeat failed ({Error}); changes are announced until it works again",
                    e.Message);
            }
            try { await Task.Delay(_options.Heartbeat, clock, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    async Task HandOverAsync(bool returning, CancellationToken ct)
    {
        try
        {
            await Task.Delay(_options.HandOver, clock, ct);
            if (!returning)
            {
                _ready.TrySetResult();
                return;
            }
            log.LogWarning("This instance was taken for gone by the others; its consoles read their tasks again");
            await hub.Clients.All.Resync();
        }
        catch (OperationCanceledException) { }
        catch (Exception e)
        {
            log.LogWarning(e, "The consoles could not be told to read their tasks again");
        }
    }
}
