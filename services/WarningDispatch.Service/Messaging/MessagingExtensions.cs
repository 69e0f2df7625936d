using MassTransit;
using WarningDispatch.Contracts;
using WarningDispatch.Domain.Ingest;
using WarningDispatch.Service.Feedback;
using WarningDispatch.Service.FraudReports;
using WarningDispatch.Service.Ingest;
using WarningDispatch.Service.Realtime;
using WarningDispatch.Service.Tasks;
using WarningDispatch.Service.Updates;

namespace WarningDispatch.Service.Messaging;

/// <summary>The bus: one transport or the other, the same consumers, message names and endpoints on both.</summary>
public static class MessagingExtensions
{
    /// <summary>The embedded in-process bus; the outbox publishes on it and no error queue is kept.</summary>
    public static IServiceCollection AddInProcessMessaging(this IServiceCollection services)
    {
        services.AddSingleton<IOutboxPublisher, BusOutboxPublisher>();
        services.AddSingleton<IErrorQueue, InProcessErrorQueue>();
        return services.AddMassTransit(x =>
        {
            AddConsumers(x);
            x.UsingInMemory((context, cfg) => ConfigureBus(context, cfg));
        });
    }

    /// <summary>RabbitMQ: the bus, the outbox's own confirmed publisher, the error queue and the exchanges.</summary>
    public static IServiceCollection AddRabbitMqMessaging(this IServiceCollection services, string uri)
    {
        services.AddSingleton<IErrorQueue>(new RabbitErrorQueue(uri));
        services.AddSingleton<IOutboxPublisher>(sp =>
            new RabbitOutboxPublisher(uri, sp.GetRequiredService<ILogger<RabbitOutboxPublisher>>()));
        services.AddHostedService(sp =>
            new ExchangeDeclaration(uri, sp.GetRequiredService<ILogger<ExchangeDeclaration>>()));
        return services.AddMassTransit(x =>
        {
            AddConsumers(x);
            x.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host(new Uri(uri), h =>
                {
                    h.PublisherConfirmation = true;
                    h.RequestedConnectionTimeout(TimeSpan.FromSeconds(10));
                    h.Heartbeat(TimeSpan.FromSeconds(10));
                });
                ConfigureBus(context, cfg);
            });
        });
    }

    static void AddConsumers(IBusRegistrationConfigurator x)
    {
        x.AddConsumer<DispatchWarningConsumer, DispatchWarningConsumerDefinition>();
        x.AddConsumer<TaskChangeConsumer, TaskChangeConsumerDefinition>();
        x.AddConsumer<WarningUpdateConsumer, WarningUpdateConsumerDefinition>();
        x.AddConsumer<FraudReportConsumer, FraudReportConsumerDefinition>();
    }

    static void ConfigureBus<T>(IBusRegistrationContext context, IBusFactoryConfigurator<T> cfg)
        where T : IReceiveEndpointConfigurator
    {
        cfg.ConfigureJsonSerializerOptions(WireFormat.Configure);
        cfg.AddRawJsonSerializer(RawSerializerOptions.AnyMessageType);
        cfg.Message<DispatchWarning>(m => m.SetEntityName(Topology.InstructionsExchange));
        cfg.Message<InstructionStatusChanged>(m => m.SetEntityName(Topology.FeedbackExchange));
        cfg.Message<TaskChange>(m => m.SetEntityName(Topology.TaskEventsExchange));
        cfg.Message<WarningUpdate>(m => m.SetEntityName(Topology.UpdatesExchange));
        cfg.Message<FraudReport>(m => m.SetEntityName(Topology.FraudReportsExchange));
        // Endpoint names and settings come from the consumer definitions beside the consumers.
        cfg.ConfigureEndpoints(context);
    }
}
