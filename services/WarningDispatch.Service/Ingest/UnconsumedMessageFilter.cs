using System.Text.Json;
using MassTransit;
using WarningDispatch.Domain.Ingest;
using WarningDispatch.Service.Storage;

namespace WarningDispatch.Service.Ingest;

/// <summary>
/// The dead-letter pipe of a raw-JSON endpoint (instructions, updates; <typeparamref name="TIntake"/> reads them): a
/// message nobody consumed (an envelope of another message type, a body that reads as nothing, such as <c>null</c>) is
/// kept as a rejection with the reason and answered Rejected, instead of vanishing into <c>_skipped</c>. One the error
/// pipe kept already is simply done with. Only a failure to keep it sends it on to <c>_skipped</c> (the next filter).
/// </summary>
public sealed class UnconsumedMessageFilter<TIntake>(
    IServiceProvider services, StoreOutageSwitch outage, ILogger<UnconsumedMessageFilter<TIntake>> log)
    : IFilter<ReceiveContext> where TIntake : IMessageIntake
{
    public async Task Send(ReceiveContext context, IPipe<ReceiveContext> next)
    {
        if (context.TryGetPayload<KeptAsRejection>(out _)) return;
        try
        {
            await using var scope = services.CreateAsyncScope();
            var intake = scope.ServiceProvider.GetRequiredService<TIntake>();
            var body = context.Body.GetBytes();
            if (DispatchWarningConsumer.IsRawJson(context))
                await intake.SubmitAsync(body, context.CancellationToken);
            else
                await intake.RejectAsync(body,
                    new FieldError("messageType", RuleText.UnknownMessageType(MessageType(body))),
                    context.CancellationToken);
        }
        catch (StoreUnavailableException)
        {
            await outage.GiveBackAsync();
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "An unconsumed message could not be kept as a rejection; it goes to the skipped queue");
            await next.Send(context);
        }
    }

    /// <summary>The envelope's first message type, shown to the operator only when it is a plain URN.</summary>
    static string? MessageType(byte[] body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object &&
                doc.RootElement.TryGetProperty("messageType", out var types) &&
                types.ValueKind == JsonValueKind.Array &&
                types.GetArrayLength() > 0 && types[0].ValueKind == JsonValueKind.String &&
                types[0].GetString() is { Length: <= 200 } type && type.All(c => c is > ' ' and < '\u007f'))
                return type;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Not an envelope we can read: the type stays unknown.
        }
        return null;
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("unconsumedMessage");
}
