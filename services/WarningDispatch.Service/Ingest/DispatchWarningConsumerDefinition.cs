using MassTransit;
using WarningDispatch.Service.Messaging;

namespace WarningDispatch.Service.Ingest;

/// <summary>
/// The instructions queue: every instance reads it (competing consumers). Owns the retries of instruction handling:
/// a short store blip is ridden out; a longer outage reaches the error pipe, where the message is given back
/// unacknowledged and the instance stops taking work until the store answers (<see cref="StoreOutageSwitch"/>), so
/// other instances take it meanwhile; other faults get three quick retries, then the error queue. Unreadable and
/// unconsumed messages are kept as rejections by the error and dead-letter pipes.
/// </summary>
public sealed class DispatchWarningConsumerDefinition : ConsumerDefinition<DispatchWarningConsumer>
{
    public DispatchWarningConsumerDefinition()
    {
        EndpointName = Topology.InstructionsQueue;
        Endpoint(e =>
        {
            e.Name = Topology.InstructionsQueue;
            e.PrefetchCount = 64;
            e.ConcurrentMessageLimit = 32;
        });
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint,
        IConsumerConfigurator<DispatchWarningConsumer> consumer, IRegistrationContext context) =>
        endpoint.UseUpstreamPipes<InstructionIntake>(context, context.GetRequiredService<StoreOutageSwitch>());
}
