namespace WarningDispatch.Service.Ingest;

/// <summary>A receive-context payload: the message was read and reached the consumer.</summary>
public sealed class ConsumerReached;
