using WarningDispatch.Service.Hosting;

namespace WarningDispatch.Service.Messaging;

/// <summary>
/// Every exchange and queue the service uses on the broker, and who owns retries where.
/// <list type="bullet">
/// <item>Consuming instructions: MassTransit, configured in <c>Ingest/DispatchWarningConsumerDefinition</c> (a store
/// outage is held and retried each second; other faults 3 quick retries, then the error queue).</item>
/// <item>Redis calls: the Polly pipeline of <c>Storage/Redis/RedisGateway</c>.</item>
/// <item>Publishing the outbox: <c>Feedback/OutboxDispatcher</c> (back-off until the broker confirms), each publish
/// bounded by <c>Feedback/RabbitOutboxPublisher</c>'s time limit.</item>
/// </list>
/// </summary>
public static class Topology
{
    /// <summary>Durable fanout exchange of warning instructions (INTERFACE.md §1).</summary>
    public const string InstructionsExchange = "warning-instructions";
    /// <summary>Durable fanout exchange of feedback to upstream (INTERFACE.md §2).</summary>
    public const string FeedbackExchange = "warning-feedback";
    /// <summary>Announcements of committed task changes, heard by every instance.</summary>
    public const string TaskEventsExchange = "warning-dispatch.task-events";
    /// <summary>The durable queue every instance consumes instructions from (competing consumers).</summary>
    public const string InstructionsQueue = "warning-dispatch.instructions";
    /// <summary>Where MassTransit moves an instruction whose handling failed after every retry.</summary>
    public const string InstructionsErrorQueue = InstructionsQueue + "_error";
    /// <summary>Durable fanout exchange of updates to warnings in progress (INTERFACE.md §7).</summary>
    public const string UpdatesExchange = "warning-updates";
    /// <summary>
    /// The durable queue every instance consumes updates from; retries as the instructions'
    /// (<c>Updates/WarningUpdateConsumerDefinition</c>).
    /// </summary>
    public const string UpdatesQueue = "warning-dispatch.updates";

    /// <summary>Durable fanout exchange of fraud reports (INTERFACE.md §8).</summary>
    public const string FraudReportsExchange = "fraud-reports";
    /// <summary>
    /// The durable queue every instance consumes fraud reports from; retries as the instructions'
    /// (<c>FraudReports/FraudReportConsumerDefinition</c>).
    /// </summary>
    public const string FraudReportsQueue = "warning-dispatch.fraud-reports";

    /// <summary>Declared when the service starts, before anything is published: an upstream may bind first.</summary>
    public static readonly IReadOnlyList<string> Exchanges =
        [InstructionsExchange, FeedbackExchange, TaskEventsExchange, UpdatesExchange, FraudReportsExchange];

    /// <summary>This instance's own auto-delete queue on <see cref="TaskEventsExchange"/>.</summary>
    public static string TaskEventsQueue(ServiceInstance instance) => $"{TaskEventsExchange}.{instance.Id}";
}
