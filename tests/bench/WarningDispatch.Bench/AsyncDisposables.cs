namespace WarningDispatch.Bench;

/// <summary>Several resources disposed together, in order (the service instances of a scenario).</summary>
sealed class AsyncDisposables(IEnumerable<IAsyncDisposable> items) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        foreach (var item in items) await item.DisposeAsync();
    }
}
