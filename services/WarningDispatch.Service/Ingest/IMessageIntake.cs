using WarningDispatch.Domain.Ingest;

namespace WarningDispatch.Service.Ingest;

/// <summary>
/// What the error and dead-letter pipes of a raw-JSON endpoint hand a message to: it either processes it or keeps it
/// as a rejection with the reason, so the message is done with (acknowledged) and never redelivered. Only the store
/// being unreachable makes it throw.
/// </summary>
public interface IMessageIntake
{
    /// <summary>A body from the bus, read from its own bytes.</summary>
    Task SubmitAsync(ReadOnlyMemory<byte> body, CancellationToken ct);

    /// <summary>Keeps a message that is not what the exchange carries at all (another message type).</summary>
    Task RejectAsync(ReadOnlyMemory<byte> body, FieldError error, CancellationToken ct);
}
