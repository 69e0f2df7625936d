using MassTransit;
using WarningDispatch.Contracts;
using WarningDispatch.Service.Ingest;

namespace WarningDispatch.Service.FraudReports;

/// <summary>
/// Takes fraud reports from the <c>fraud-reports</c> exchange. Raw JSON from any AMQP client is read from its own
/// bytes, as instructions are; a MassTransit envelope from a .NET publisher is checked from the typed message by the
/// same rules. What is invalid is kept with the rejections (<see cref="FraudReportIntake"/>).
/// </summary>
public sealed class FraudReportConsumer(FraudReportIntake intake) : IConsumer<FraudReport>
{
    public async Task Consume(ConsumeContext<FraudReport> context)
    {
        // From here on a failure is a fault of ours (or the store's), not of the message: see UnreadableMessageFilter.
        context.ReceiveContext.GetOrAddPayload(() => new ConsumerReached());
        var body = context.ReceiveContext.Body.GetBytes();
        if (DispatchWarningConsumer.IsRawJson(context.ReceiveContext))
            await intake.SubmitAsync(body, "amqp", context.CancellationToken);
        else
            await intake.SubmitAsync(context.Message, body, context.CancellationToken);
    }
}
