using MassTransit;
using WarningDispatch.Service.Storage;

namespace WarningDispatch.Service.Ingest;

/// <summary>
/// First in the instructions endpoint's error pipe. A message that failed before it reached the consumer could not be
/// read as the contract (not JSON, bytes that are not UTF-8, a lone surrogate, a number where a string belongs): it
/// goes to intake, which keeps it as a rejection with the precise reasons and answers Rejected, and it is
/// acknowledged. A failure after the consumer was reached goes on down the pipe: a fault and the error queue, with the
/// exception in its headers. Redis being down is neither: the message is left unacknowledged, after a pause so that
/// the redelivery does not spin.
/// </summary>
public sealed class UnreadableMessageFilter(IServiceProvider services, ILogger<UnreadableMessageFilter> log)
    : IFilter<ExceptionReceiveContext>
{
    static readonly TimeSpan OutagePause = TimeSpan.FromSeconds(1);

    public async Task Send(ExceptionReceiveContext context, IPipe<ExceptionReceiveContext> next)
    {
        if (context.TryGetPayload<ConsumerReached>(out _))
        {
            await next.Send(context);
            return;
        }
        try
        {
            await using var scope = services.CreateAsyncScope();
            var intake = scope.ServiceProvider.GetRequiredService<InstructionIntake>();
            await intake.SubmitAsync(context.Body.GetBytes(), "amqp", context.CancellationToken);
            context.GetOrAddPayload(() => new KeptAsRejection());
        }
        catch (StoreUnavailableException)
        {
            await Task.Delay(OutagePause, context.CancellationToken);
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "An unreadable message could not be kept as a rejection; it goes to the error queue");
            await next.Send(context);
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("unreadableMessage");
}
