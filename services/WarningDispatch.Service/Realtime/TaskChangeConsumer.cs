using MassTransit;
using WarningDispatch.Service.Tasks;

namespace WarningDispatch.Service.Realtime;

/// <summary>
/// Every instance has its own auto-delete queue on the task-events exchange, so each hears of every change and pushes
/// it to the consoles connected to it (the instance that made the change has pushed it already). This is the fan-out
/// across instances (there is no SignalR Redis backplane here, and adding one as well would push twice).
/// </summary>
public sealed class TaskChangeConsumer(TaskBroadcaster broadcaster) : IConsumer<TaskChange>
{
    public Task Consume(ConsumeContext<TaskChange> context) => broadcaster.PushAnnouncedAsync(context.Message, context.CancellationToken);
}
