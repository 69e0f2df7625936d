using System.Diagnostics;
using MassTransit;
using WarningDispatch.Contracts;
using WarningDispatch.Service.Hosting;

namespace WarningDispatch.Service.Ingest;

/// <summary>
/// Takes instructions from the <c>warning-instructions</c> exchange. Raw JSON from any AMQP client is validated from
/// its own bytes (so all broken rules are named and nothing depends on how MassTransit read it); a MassTransit
/// envelope from a .NET publisher is validated from the typed message by the same rules.
/// </summary>
public sealed class DispatchWarningConsumer(InstructionIntake intake, DispatchMetrics metrics)
    : IConsumer<DispatchWarning>
{
    public async Task Consume(ConsumeContext<DispatchWarning> context)
    {
        metrics.StageWait(HotPathStage.Receive, context.ReceiveContext.ElapsedTime);
        // From here on a failure is a fault of ours (or the store's), not of the message: see UnreadableMessageFilter.
        var reached = context.ReceiveContext.GetOrAddPayload(() => new ConsumerReached());
        var body = context.ReceiveContext.Body.GetBytes();
        if (IsRawJson(context.ReceiveContext))
            await intake.SubmitAsync(body, "amqp", context.CancellationToken);
        else
            await intake.SubmitAsync(context.Message, body, "amqp", context.CancellationToken);
        reached.ConsumedAt = Stopwatch.GetTimestamp();
    }

    internal static bool IsRawJson(ReceiveContext receive) =>
        receive.ContentType?.MediaType is { } media &&
        (media.Equals("application/json", StringComparison.OrdinalIgnoreCase) ||
         media.Equals("text/plain", StringComparison.OrdinalIgnoreCase));
}
