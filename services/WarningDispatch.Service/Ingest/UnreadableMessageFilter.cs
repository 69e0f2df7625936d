using System.Runtime.ExceptionServices;
using MassTransit;
using WarningDispatch.Service.Storage;

namespace WarningDispatch.Service.Ingest;

/// <summary>
/// First in the error pipe of a raw-JSON endpoint (instructions, updates; <typeparamref name="TIntake"/> reads them). A
/// message that failed before it reached the consumer could not be read as the contract (not JSON, bytes that are not
/// UTF-8, a lone surrogate, a number where a string belongs): it goes to intake, which keeps it as a rejection with the
/// precise reasons and answers Rejected, and it is acknowledged. A failure after the consumer was reached goes on down
/// the pipe: a fault and the error queue, with the exception in its headers. The store being down is neither: the
/// message is given back unacknowledged (after a pause, so that the redelivery does not spin) and this instance stops
/// taking more until the store answers.
/// </summary>
public sealed class UnreadableMessageFilter<TIntake>(
    IServiceProvider services, StoreOutageSwitch outage, ILogger<UnreadableMessageFilter<TIntake>> log)
    : IFilter<ExceptionReceiveContext>
    where TIntake : IMessageIntake
{
    public async Task Send(ExceptionReceiveContext context, IPipe<ExceptionReceiveContext> next)
    {
        if (IsStoreOutage(context.Exception))
        {
            // Given back unacknowledged, never to the error queue: it can succeed on an instance that reaches the
            // store.
            await outage.GiveBackAsync();
            ExceptionDispatchInfo.Throw(context.Exception);
        }
        if (context.TryGetPayload<ConsumerReached>(out _))
        {
            await next.Send(context);
            return;
        }
        try
        {
            await using var scope = services.CreateAsyncScope();
            var intake = scope.ServiceProvider.GetRequiredService<TIntake>();
            await intake.SubmitAsync(context.Body.GetBytes(), context.CancellationToken);
            context.GetOrAddPayload(() => new KeptAsRejection());
        }
        catch (StoreUnavailableException)
        {
            await outage.GiveBackAsync();
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "An unreadable message could not be kept as a rejection; it goes to the error queue");
            await next.Send(context);
        }
    }

    static bool IsStoreOutage(Exception? e) =>
        e is StoreUnavailableException || e?.InnerException is { } inner && IsStoreOutage(inner);

    public void Probe(ProbeContext context) => context.CreateFilterScope("unreadableMessage");
}
