namespace WarningDispatch.Service.Realtime;

/// <summary>The embedded service: one process, its own in-memory store, so nobody else listens.</summary>
public sealed class SingleInstancePresence : IInstancePresence
{
    public bool OthersMayListen => false;
    public Task Ready => Task.CompletedTask;
}
