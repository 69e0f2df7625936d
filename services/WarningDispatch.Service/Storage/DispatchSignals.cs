namespace WarningDispatch.Service.Storage;

/// <summary>Wakes the background loops right after a write instead of letting them poll.</summary>
public sealed class DispatchSignals
{
    public AsyncSignal Outbox { get; } = new();
    public AsyncSignal Timers { get; } = new();
}
