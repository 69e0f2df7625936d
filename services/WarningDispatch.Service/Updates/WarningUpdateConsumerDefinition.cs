using MassTransit;
using WarningDispatch.Service.Ingest;
using WarningDispatch.Service.Messaging;

namespace WarningDispatch.Service.Updates;

/// <summary>
/// The updates queue, every instance reading it (competing consumers), with the instructions' handling of hostile
/// input and store outages: unreadable and unconsumed messages are kept as rejections by the error and dead-letter
/// pipes and acknowledged; a store blip is retried, a longer outage gives the message back and stops this endpoint
/// (its own <see cref="StoreOutageSwitch"/>) until the store answers; other faults get three quick retries, then the
/// error queue.
/// </summary>
public sealed class WarningUpdateConsumerDefinition : ConsumerDefinition<WarningUpdateConsumer>
{
    public WarningUpdateConsumerDefinition()
    {
        EndpointName = Topology.UpdatesQueue;
        Endpoint(e =>
        {
            e.Name = Topology.UpdatesQueue;
            e.PrefetchCount = 32;
            e.ConcurrentMessageLimit = 16;
        });
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint,
        IConsumerConfigurator<WarningUpdateConsumer> consumer, IRegistrationContext context) =>
        // Its own switch: one switch stops and restarts the one endpoint it observes.
        endpoint.UseUpstreamPipes<UpdateIntake>(context,
            ActivatorUtilities.CreateInstance<StoreOutageSwitch>(context));
}
