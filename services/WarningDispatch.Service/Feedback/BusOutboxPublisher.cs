using MassTransit;

namespace WarningDispatch.Service.Feedback;

/// <summary>The embedded default: the in-process bus.</summary>
public sealed class BusOutboxPublisher(IBus bus) : IOutboxPublisher
{
    public async Task PublishAsync(OutboxMessage message, CancellationToken ct)
    {
        if (message.Feedback is { } feedback) await bus.Publish(feedback, ct);
        if (message.TaskChanged is { } change) await bus.Publish(change, ct);
    }
}
