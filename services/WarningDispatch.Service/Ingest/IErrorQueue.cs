namespace WarningDispatch.Service.Ingest;

/// <summary>
/// Instructions whose handling failed after every retry, for operators to read and move back to the queue.
/// </summary>
public interface IErrorQueue
{
    /// <summary>
    /// False on a bus that keeps no error queue (the embedded in-process bus: failures are in the log).
    /// </summary>
    bool Exists { get; }
    /// <summary>Reads without taking: the messages stay in the queue.</summary>
    Task<IReadOnlyList<DeadLetter>> PeekAsync(int max, CancellationToken ct);
    /// <summary>Moves up to <paramref name="max"/> messages back to the instructions queue; how many moved.</summary>
    Task<int> ReplayAsync(int max, CancellationToken ct);
}
