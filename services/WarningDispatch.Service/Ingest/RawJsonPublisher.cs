using System.Net.Mime;
using MassTransit;
using WarningDispatch.Contracts;

namespace WarningDispatch.Service.Ingest;

/// <summary>
/// Publishes exact bytes as <c>application/json</c> with no envelope, as a Python or Java AMQP client does.
/// The simulator and the tests use it to feed the embedded bus the same raw JSON that RabbitMQ would carry.
/// </summary>
public static class RawJsonPublisher
{
    static readonly DispatchWarning Placeholder = new()
    {
        InstructionId = "raw", Source = InstructionSource.Internal, Kind = InstructionKind.Other,
        RiskLevel = RiskLevel.Low,
        IssuedAt = DateTimeOffset.UnixEpoch, Subject = new WarningSubject { Phone = "+10000000000" },
    };

    public static Task PublishRawInstruction(this IPublishEndpoint bus, byte[] body, CancellationToken ct = default) =>
        bus.Publish(Placeholder, ctx => ctx.Serializer = new FixedBody(body), ct);

    static readonly WarningUpdate UpdatePlaceholder = new()
    {
        UpdateId = "raw", InstructionId = "raw", OccurredAt = DateTimeOffset.UnixEpoch,
    };

    /// <summary>The same for the <c>warning-updates</c> exchange.</summary>
    public static Task PublishRawUpdate(this IPublishEndpoint bus, byte[] body, CancellationToken ct = default) =>
        bus.Publish(UpdatePlaceholder, ctx => ctx.Serializer = new FixedBody(body), ct);

    static readonly FraudReport FraudReportPlaceholder = new()
    {
        ReportId = "raw", ReportedAt = DateTimeOffset.UnixEpoch, OccurredAt = DateTimeOffset.UnixEpoch,
        Subject = new FraudReportSubject(), AmountLost = 0,
    };

    /// <summary>The same for the <c>fraud-reports</c> exchange.</summary>
    public static Task PublishRawFraudReport(this IPublishEndpoint bus, byte[] body, CancellationToken ct = default) =>
        bus.Publish(FraudReportPlaceholder, ctx => ctx.Serializer = new FixedBody(body), ct);

    sealed class FixedBody(byte[] body) : IMessageSerializer
    {
        public ContentType ContentType { get; } = new("application/json");

        public MessageBody GetMessageBody<T>(SendContext<T> context) where T : class => new BytesMessageBody(body);
    }
}
