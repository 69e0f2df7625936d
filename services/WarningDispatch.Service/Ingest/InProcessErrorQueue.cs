namespace WarningDispatch.Service.Ingest;

/// <summary>The embedded in-process bus keeps no error queue; a failed message is in the service log.</summary>
public sealed class InProcessErrorQueue : IErrorQueue
{
    public bool Exists => false;
    public Task<IReadOnlyList<DeadLetter>> PeekAsync(int max, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<DeadLetter>>([]);
    public Task<int> ReplayAsync(int max, CancellationToken ct) => Task.FromResult(0);
}
