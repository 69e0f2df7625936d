using System.Diagnostics;
using MassTransit;
using WarningDispatch.Service.Hosting;

namespace WarningDispatch.Service.Ingest;

/// <summary>
/// Times the last stage of an instruction: from its consumer returning to the broker acknowledgement having been
/// sent (MassTransit calls PostReceive after it completed the receive, acknowledgement included). Only the
/// instructions consumer stamps <see cref="ConsumerReached.ConsumedAt"/>; other receives pass by.
/// </summary>
public sealed class AcknowledgementTimer(DispatchMetrics metrics) : IReceiveObserver
{
    public Task PostReceive(ReceiveContext context)
    {
        if (context.TryGetPayload<ConsumerReached>(out var reached) && reached.ConsumedAt != 0)
            metrics.StageWait(HotPathStage.Ack, Stopwatch.GetElapsedTime(reached.ConsumedAt));
        return Task.CompletedTask;
    }

    public Task PreReceive(ReceiveContext context) => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType) where T : class =>
        Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType,
        Exception exception) where T : class => Task.CompletedTask;

    public Task ReceiveFault(ReceiveContext context, Exception exception) => Task.CompletedTask;
}
