namespace WarningDispatch.Service.Feedback;

/// <summary>Sends one outbox entry; returns only once the broker has it. Failures throw and the entry stays.</summary>
public interface IOutboxPublisher
{
    Task PublishAsync(OutboxMessage message, CancellationToken ct);
}
