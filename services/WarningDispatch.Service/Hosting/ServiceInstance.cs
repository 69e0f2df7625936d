namespace WarningDispatch.Service.Hosting;

/// <summary>
/// This process among several on one broker and store: names its own task-events queue and identifies it as the
/// outbox lead. Unique per start, so a restarted process never inherits a dead one's auto-delete queue.
/// </summary>
public sealed record ServiceInstance(string Id)
{
    public static ServiceInstance New() =>
        new($"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}"
            .ToLowerInvariant());
}
