namespace WarningDispatch.Service.Ingest;

/// <summary>A receive-context payload: the message was read and reached the consumer.</summary>
public sealed class ConsumerReached
{
    /// <summary>Stopwatch time stamp when the consumer returned; 0 while it runs or when it threw.</summary>
    public long ConsumedAt { get; set; }
}
