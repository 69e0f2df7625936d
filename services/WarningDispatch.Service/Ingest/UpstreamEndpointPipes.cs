using System.Runtime.Serialization;
using System.Text.Json;
using MassTransit;
using MassTransit.Middleware;
using WarningDispatch.Service.Storage;

namespace WarningDispatch.Service.Ingest;

/// <summary>
/// The one retry and error handling of every endpoint that takes messages from upstream (instructions, updates):
/// a store blip is ridden out; a longer outage reaches the error pipe, which gives the message back unacknowledged and
/// trips the endpoint's <see cref="StoreOutageSwitch"/>, so other instances take the work meanwhile; other faults get
/// three quick retries, then the error queue; unreadable and unconsumed messages are kept as rejections of
/// <typeparamref name="TIntake"/> and acknowledged — never redelivered.
/// </summary>
public static class UpstreamEndpointPipes
{
    public static void UseUpstreamPipes<TIntake>(this IReceiveEndpointConfigurator endpoint,
        IRegistrationContext context, StoreOutageSwitch outage) where TIntake : IMessageIntake
    {
        // Outer retry: a store blip; past it, the error pipe gives the message back and trips the switch.
        endpoint.UseMessageRetry(r =>
        {
            r.Handle<StoreUnavailableException>();
            r.Intervals(250, 1000, 2000);
        });
        endpoint.ConnectReceiveEndpointObserver(outage);
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
            pipe.UseFilter(ActivatorUtilities.CreateInstance<UnreadableMessageFilter<TIntake>>(context, outage));
            pipe.UseFilter(new GenerateFaultFilter());
            pipe.UseFilter(new ErrorTransportFilter());
        });
        endpoint.ConfigureDeadLetter(pipe =>
        {
            pipe.UseFilter(ActivatorUtilities.CreateInstance<UnconsumedMessageFilter<TIntake>>(context, outage));
            pipe.UseFilter(new DeadLetterTransportFilter());
        });
    }
}
