namespace WarningDispatch.Service.Ingest;

/// <summary>
/// An instruction whose handling failed after every retry, as MassTransit left it in the error queue.
/// </summary>
public sealed record DeadLetter(
    string? MessageId, string? Reason, string? ExceptionType, string? FaultedAt, string ContentType, string Body);
