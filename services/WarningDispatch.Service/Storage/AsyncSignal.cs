namespace WarningDispatch.Service.Storage;

/// <summary>An auto-reset wake-up: many sets before a wait count as one.</summary>
public sealed class AsyncSignal
{
    readonly SemaphoreSlim _signal = new(0, 1);

    public void Set()
    {
        try { if (_signal.CurrentCount == 0) _signal.Release(); }
        catch (SemaphoreFullException) { }
    }

    /// <summary>True when set before <paramref name="timeout"/> passed.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken ct)
    {
        if (timeout <= TimeSpan.Zero) return Task.FromResult(true);
        return WaitCore(timeout, clock, ct);
    }

    async Task<bool> WaitCore(TimeSpan timeout, TimeProvider clock, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var delay = Task.Delay(timeout, clock, cts.Token);
        var signalled = _signal.WaitAsync(cts.Token);
        var first = await Task.WhenAny(delay, signalled);
        await cts.CancelAsync();
        try { await signalled; return true; } catch (OperationCanceledException) { ct.ThrowIfCancellationRequested(); }
        try { await delay; } catch (OperationCanceledException) { }
        return first == signalled;
    }
}
