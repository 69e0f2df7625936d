using System.Security.Claims;
using System.Text;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using WarningDispatch.Domain.Routing;
using WarningDispatch.Domain.Tasks;
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
        if (!await ExistsAsync(channel, ct)) return letters;
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
        if (!await ExistsAsync(channel, ct)) return moved;
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

    /// <summary>
    /// MassTransit declares the queue with the first fault; before that a get would fail with 404 NOT_FOUND and close
    /// the channel. A passive declare asks without creating it, so the service never declares it with other arguments.
    /// </summary>
    static async Task<bool> ExistsAsync(IChannel channel, CancellationToken ct)
    {
        try
        {
            await channel.QueueDeclarePassiveAsync(Queue, ct);
            return true;
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == Constants.NotFound)
        {
            return false;
        }
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
        group.MapGet("/", async (int? max, ClaimsPrincipal user, PostRegistry posts, IServiceProvider services,
            CancellationToken ct) =>
        {
            if (Refusal(user, posts) is { } refused) return refused;
            if (services.GetService<RabbitErrorQueue>() is not { } queue) return NotOnEmbeddedBus();
            var letters = await queue.PeekAsync(Math.Clamp(max ?? 50, 1, 500), ct);
            return Results.Ok(letters.Select(l => ForViewer(l, user)).ToList());
        });
        group.MapPost("/replay", async (int? max, ClaimsPrincipal user, PostRegistry posts, IServiceProvider services,
            CancellationToken ct) =>
            Refusal(user, posts) ?? (services.GetService<RabbitErrorQueue>() is { } queue
                ? Results.Ok(new { replayed = await queue.ReplayAsync(Math.Clamp(max ?? 100, 1, 10_000), ct) })
                : NotOnEmbeddedBus()));
    }

    /// <summary>
    /// An entry has no reliable area: its body failed somewhere after validation, may be an envelope or unreadable,
    /// and a region code in it was never checked against the post it would route to. So rather than guess an area
    /// per entry, only duty officers of a top-level area (a post without a parent: the whole region) see or replay
    /// the queue; everyone else gets 403.
    /// </summary>
    internal static IResult? Refusal(ClaimsPrincipal user, PostRegistry posts) =>
        user.IsInRole(Roles.DutyOfficer) && posts.IsTopLevel(user.FindFirstValue(DispatchClaims.AreaId))
            ? null
            : Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not your area.",
                detail: "错误队列仅对全市值班员开放 (the error queue is open only to duty officers of the whole region)");

    /// <summary>The body holds the person's data in full; masked unless the viewer may see personal data.</summary>
    internal static DeadLetter ForViewer(DeadLetter letter, ClaimsPrincipal user) =>
        user.FindFirstValue(DispatchClaims.PersonalData) == "true"
            ? letter
            : letter with { Body = RawBodyMask.Mask(letter.Body) };

    static IResult NotOnEmbeddedBus() => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No error queue.",
        detail: "the embedded in-process bus keeps no error queue; failed messages are in the service log");
}
