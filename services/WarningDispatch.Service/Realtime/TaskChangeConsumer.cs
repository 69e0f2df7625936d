using MassTransit;
using WarningDispatch.Service.Tasks;

namespace WarningDispatch.Service.Realtime;

/// <summary>
/// Every instance has its own auto-delete queue on the task-events exchange, so each hears of every change and pushes
/// it to the consoles connected to it (the instance that made the change has pushed it already). This is the fan-out
/// across instances (there is no SignalR Redis backplane here, and adding one as well would push twice).
/// An announcement is only a hint to re-read the task from the store: one that is not ours to read (no task id, a
/// bogus version) is logged and dropped, and so is an unreadable one (see the endpoint's error pipe), since a console
/// that missed a push re-reads its tasks when it reconnects.
/// </summary>
public sealed class TaskChangeConsumer(TaskBroadcaster broadcaster, ILogger<TaskChangeConsumer> log)
    : IConsumer<TaskChange>
{
    public Task Consume(ConsumeContext<TaskChange> context)
    {
        if (context.Message is { TaskId: { Length: > 0 and <= 64 }, Version: > 0 } change)
            return broadcaster.PushAnnouncedAsync(change, context.CancellationToken);
        log.LogWarning("A task announcement without a task id or version was dropped (message {MessageId})",
            context.MessageId);
        return Task.CompletedTask;
    }
}
