using MassTransit;
using WarningDispatch.Service.Ingest;
using WarningDispatch.Service.Messaging;

namespace WarningDispatch.Service.FraudReports;

/// <summary>
/// The fraud reports queue, every instance reading it (competing consumers), with the instructions' handling of
/// hostile input and store outages (<see cref="UpstreamEndpointPipes"/>): unreadable and unconsumed messages are kept
/// as rejections and acknowledged; a store outage gives the message back and stops this endpoint until the store
/// answers; other faults get three quick retries, then the error queue.
/// </summary>
public sealed class FraudReportConsumerDefinition : ConsumerDefinition<FraudReportConsumer>
{
    public FraudReportConsumerDefinition()
    {
        EndpointName = Topology.FraudReportsQueue;
        Endpoint(e =>
        {
            e.Name = Topology.FraudReportsQueue;
            e.PrefetchCount = 32;
            e.ConcurrentMessageLimit = 16;
        });
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint,
        IConsumerConfigurator<FraudReportConsumer> consumer, IRegistrationContext context) =>
        endpoint.UseUpstreamPipes<FraudReportIntake>(context,
            ActivatorUtilities.CreateInstance<StoreOutageSwitch>(context));
}
