using MassTransit;
using WarningDispatch.Service.Hosting;
using WarningDispatch.Service.Messaging;

namespace WarningDispatch.Service.Realtime;

/// <summary>
/// Fan-out: each instance its own temporary (auto-delete, not durable) queue on the task-events exchange, named
/// after the instance so a restarted process never inherits a dead one's queue.
/// </summary>
public sealed class TaskChangeConsumerDefinition : ConsumerDefinition<TaskChangeConsumer>
{
    public TaskChangeConsumerDefinition(ServiceInstance instance)
    {
        EndpointName = Topology.TaskEventsQueue(instance);
        Endpoint(e =>
        {
            e.Name = Topology.TaskEventsQueue(instance);
            e.Temporary = true;
        });
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint,
        IConsumerConfigurator<TaskChangeConsumer> consumer, IRegistrationContext context)
    {
        // Hints, not work: nothing unreadable or unconsumed is kept in queues that no operator reads.
        endpoint.DiscardFaultedMessages();
        endpoint.DiscardSkippedMessages();
    }
}
