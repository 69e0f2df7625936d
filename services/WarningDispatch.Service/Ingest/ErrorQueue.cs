using System.Text;
using RabbitMQ.Client;
using WarningDispatch.Service.Hosting;
using WarningDispatch.Service.Identity;

namespace WarningDispatch.Service.Ingest;

/// <summary>An instruction whose handling failed after every retry, as MassTransit left it in the error queue.</summary>
public sealed record DeadLetter(string? MessageId, string? Reason, string? ExceptionType, string? FaultedAt, string ContentType, string Body);

/// <summary>
/// Operators' view of <c>warning-dispatch.instructions_error</c>: what failed and why, and a replay that moves the
/// messages back to the instructions queue (safe: the instruction id makes a second delivery harmless).
/// Unreadable or invalid instructions never land here; they are kept as rejections.
/// </summary>
public sealed class RabbitErrorQueue(string uri)
{
    public const string Queue = DispatchExtensions.InstructionsQueue + "_error";

    public async Task<IReadOnlyList<DeadLetter>> PeekAsync(int max, CancellationToken ct)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(uri) }.CreateConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        var letters = new List<DeadLetter>();
        // Unacknowledged gets go back to the queue when the channel closes: a peek, not a take.
        while (letters.Count < max && await channel.BasicGetAsync(Queue, autoAck: false, ct) is { } message)
            letters.Add(Read(message));
        return letters;
    }

    public async Task<int> ReplayAsync(int max, CancellationToken ct)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(uri) }.CreateConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct);
        var moved = 0;
        while (moved < max && await channel.BasicGetAsync(Queue, autoAck: false, ct) is { } message)
        {
            var headers = message.BasicProperties.Headers?.Where(h => !h.Key.StartsWith("MT-Fault", StringComparison.Ordinal) && h.Key != "MT-Reason")
                .ToDictionary(h => h.Key, h => h.Value);
            var properties = new BasicProperties(message.BasicProperties) { Headers = headers };
            await channel.BasicPublishAsync("", DispatchExtensions.InstructionsQueue, mandatory: true, properties, message.Body, ct);
            await channel.BasicAckAsync(message.DeliveryTag, multiple: false, ct);
            moved++;
        }
        return moved;
    }

    static DeadLetter Read(BasicGetResult message)
    {
        string? Header(string name) => message.BasicProperties.Headers?.TryGetValue(name, out var v) == true
            ? v switch { byte[] b => Encoding.UTF8.GetString(b), null => null, _ => v.ToString() } : null;
        return new DeadLetter(message.BasicProperties.MessageId, Header("MT-Fault-Message"), Header("MT-Fault-ExceptionType"), Header("MT-Fault-Timestamp"),
            message.BasicProperties.ContentType ?? "", Encoding.UTF8.GetString(message.Body.Span));
    }
}

public static class ErrorQueueEndpoints
{
    public static void MapErrorQueue(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/operations/error-queue").WithTags("Operations").RequireAuthorization(Roles.DutyOfficer);
        group.MapGet("/", async (int? max, IServiceProvider services, CancellationToken ct) =>
            services.GetService<RabbitErrorQueue>() is { } queue
                ? Results.Ok(await queue.PeekAsync(Math.Clamp(max ?? 50, 1, 500), ct))
                : NotOnEmbeddedBus());
        group.MapPost("/replay", async (int? max, IServiceProvider services, CancellationToken ct) =>
            services.GetService<RabbitErrorQueue>() is { } queue
                ? Results.Ok(new { replayed = await queue.ReplayAsync(Math.Clamp(max ?? 100, 1, 10_000), ct) })
                : NotOnEmbeddedBus());
    }

    static IResult NotOnEmbeddedBus() => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No error queue.",
        detail: "the embedded in-process bus keeps no error queue; failed messages are in the service log");
}
