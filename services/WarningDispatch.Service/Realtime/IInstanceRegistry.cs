namespace WarningDispatch.Service.Realtime;

/// <summary>The service instances alive on one store, each kept alive by its own heartbeat.</summary>
public interface IInstanceRegistry
{
    /// <summary>Marks this instance alive until <paramref name="aliveUntil"/>.</summary>
    Task<InstanceBeat> BeatAsync(string instanceId, DateTimeOffset now, DateTimeOffset aliveUntil,
        CancellationToken ct);
}
