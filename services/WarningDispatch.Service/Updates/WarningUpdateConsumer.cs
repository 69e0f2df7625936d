using MassTransit;
using WarningDispatch.Contracts;
using WarningDispatch.Service.Ingest;

namespace WarningDispatch.Service.Updates;

/// <summary>
/// Takes updates from the <c>warning-updates</c> exchange. Raw JSON from any AMQP client is read from its own bytes,
/// as instructions are; a MassTransit envelope from a .NET publisher is checked from the typed message by the same
/// rules. What cannot be applied is kept with the rejections (<see cref="UpdateIntake"/>).
/// </summary>
public sealed class WarningUpdateConsumer(UpdateIntake intake) : IConsumer<WarningUpdate>
{
    public async Task Consume(ConsumeContext<WarningUpdate> context)
    {
        // From here on a failure is a fault of ours (or the store's), not of the message: see UnreadableMessageFilter.
        context.ReceiveContext.GetOrAddPayload(() => new ConsumerReached());
        var body = context.ReceiveContext.Body.GetBytes();
        if (DispatchWarningConsumer.IsRawJson(context.ReceiveContext))
            await intake.SubmitAsync(body, context.CancellationToken);
        else
            await intake.SubmitAsync(context.Message, body, context.CancellationToken);
    }
}
