using System.Text.Json;
using MassTransit;
using WarningDispatch.Contracts;
using WarningDispatch.Domain.Ingest;

namespace WarningDispatch.Service.Ingest;

/// <summary>
/// Takes instructions from the <c>warning-instructions</c> exchange. Raw JSON from any AMQP client is validated from
/// its own bytes (so all broken rules are named); a MassTransit envelope from a .NET publisher is validated from the
/// typed message by the same rules.
/// </summary>
public sealed class DispatchWarningConsumer(InstructionIntake intake, TimeProvider clock) : IConsumer<DispatchWarning>
{
    public async Task Consume(ConsumeContext<DispatchWarning> context)
    {
        if (IsRawJson(context.ReceiveContext))
        {
            await intake.SubmitAsync(context.ReceiveContext.Body.GetBytes(), "amqp", context.CancellationToken);
            return;
        }
        var now = clock.GetUtcNow();
        var body = JsonSerializer.SerializeToUtf8Bytes(context.Message, WireFormat.Options);
        await intake.SubmitAsync(InstructionParser.Validate(context.Message, now), body, "amqp", now, context.CancellationToken);
    }

    internal static bool IsRawJson(ReceiveContext receive) =>
        receive.ContentType?.MediaType is { } media &&
        (media.Equals("application/json", StringComparison.OrdinalIgnoreCase) || media.Equals("text/plain", StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// A raw body that cannot even be read as the contract (not JSON, a number where a string belongs, an unknown enum
/// value) fails inside MassTransit before the consumer runs, and lands in the endpoint's error pipe. This filter,
/// first in that pipe, hands such bodies to intake, which rejects them with the precise reasons and keeps them, so
/// nothing is dropped and upstream hears Rejected. Every other failure goes on down the pipe: a fault and the error
/// queue, never an acknowledgement.
/// </summary>
public sealed class UnreadableInstructionFilter(IServiceProvider services) : IFilter<ExceptionReceiveContext>
{
    public async Task Send(ExceptionReceiveContext context, IPipe<ExceptionReceiveContext> next)
    {
        if (!IsUnreadable(context.Exception))
        {
            await next.Send(context);
            return;
        }
        await using var scope = services.CreateAsyncScope();
        var intake = scope.ServiceProvider.GetRequiredService<InstructionIntake>();
        await intake.SubmitAsync(context.Body.GetBytes(), "amqp", context.CancellationToken);
    }

    public static bool IsUnreadable(Exception e) =>
        e is JsonException || e.GetType().Name == "SerializationException" ||
        e.InnerException is { } inner && IsUnreadable(inner);

    public void Probe(ProbeContext context) => context.CreateFilterScope("unreadableInstruction");
}
