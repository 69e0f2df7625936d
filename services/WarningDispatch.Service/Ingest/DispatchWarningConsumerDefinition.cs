using System.Runtime.Serialization;
using System.Text.Json;
using MassTransit;
using MassTransit.Middleware;
using WarningDispatch.Service.Messaging;
using WarningDispatch.Service.Storage;

namespace WarningDispatch.Service.Ingest;

/// <summary>
/// The instructions queue: every instance reads it (competing consumers). Owns the retries of instruction handling:
/// a short store blip is ridden out; a longer outage reaches the error pipe, where the message is given back
/// unacknowledged and the instance stops taking work until the store answers (<see cref="StoreOutageSwitch"/>), so
/// other instances take it meanwhile; other faults get three quick retries, then the error queue. Unreadable and unconsumed messages are kept as rejections by the error and dead-letter pipes.
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
        IConsumerConfigurator<DispatchWarningConsumer> consumer, IRegistrationContext context)
    {
        // Outer retry: a store blip; past it, the error pipe gives the message back and trips the switch.
        endpoint.UseMessageRetry(r =>
        {
            r.Handle<StoreUnavailableException>();
            r.Intervals(250, 1000, 2000);
        });
        endpoint.ConnectReceiveEndpointObserver(context.GetRequiredService<StoreOutageSwitch>());
        // Inner retry: short in-memory retries for other transient faults, then the error queue.
        endpoint.UseMessageRetry(r =>
        {
            r.Ignore<StoreUnavailableException>();
            // A message that cannot be read never will be: straight to the error pipe, which keeps it.
            r.Ignore<JsonException>();
            r.Ignore<SerializationException>();
            r.Intervals(50, 200, 1000);
        });
        endpoint.ConfigureError(pipe =>
        {
            pipe.UseFilter(ActivatorUtilities.CreateInstance<UnreadableMessageFilter<InstructionIntake>>(context));
            pipe.UseFilter(new GenerateFaultFilter());
            pipe.UseFilter(new ErrorTransportFilter());
        });
        endpoint.ConfigureDeadLetter(pipe =>
        {
            pipe.UseFilter(ActivatorUtilities.CreateInstance<UnconsumedMessageFilter<InstructionIntake>>(context));
            pipe.UseFilter(new DeadLetterTransportFilter());
        });
    }
}
