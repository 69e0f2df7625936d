using System.Text;
using Microsoft.Extensions.Options;
using WarningDispatch.Contracts;
using WarningDispatch.Domain.Ingest;
using WarningDispatch.Domain.Routing;
using WarningDispatch.Domain.Tasks;
using WarningDispatch.Service.Feedback;
using WarningDispatch.Service.Hosting;
using WarningDispatch.Service.Ingest;
using WarningDispatch.Service.Officers;
using WarningDispatch.Service.Tasks;

namespace WarningDispatch.Service.Updates;

/// <summary>
/// The one way in for an update to a warning in progress, over HTTP or the bus: the size cap and every rule
/// (<see cref="UpdateParser"/>), the task by its instruction id, then the change through the task workflow (the
/// optimistic loop; the commit pushes it to the consoles). What the bus brings and cannot be applied (unreadable,
/// invalid, an unknown instruction, a resolved task) is kept with the rejections, on channel <see cref="Channel"/>.
/// Nothing a sender writes makes it throw: only the store being unreachable does.
/// </summary>
public sealed class UpdateIntake(
    TaskWorkflow workflow,
    ITaskStore store,
    IRejectionStore rejections,
    IOfficerRoster roster,
    Router router,
    IOptions<IngestOptions> options,
    TimeProvider clock,
    ILogger<UpdateIntake> log) : IMessageIntake
{
    /// <summary>The channel of the rejections this intake keeps.</summary>
    public const string Channel = "updates";

    /// <summary>
    /// Applies a raw JSON update. <paramref name="pathInstructionId"/>, when given (HTTP), must name the same
    /// instruction as the body, after the same normalisation: a body sent to the wrong address is refused, not
    /// applied to whichever instruction it names.
    /// </summary>
    public async Task<UpdateResult> ApplyAsync(ReadOnlyMemory<byte> body, string? pathInstructionId,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (body.Length > options.Value.MaxBodyBytes)
            return new(UpdateOutcome.Invalid, null, [TooLarge],
                InstructionId: InstructionParser.TryReadInstructionId(body.Span[..Rejection.KeptOfOversized]));
        var parsed = UpdateParser.Parse(body.Span, now);
        if (pathInstructionId is not null && parsed.InstructionId is { } named &&
            named != InstructionParser.Normalize(pathInstructionId))
            parsed = parsed with
            {
                Update = null, Errors = [.. parsed.Errors, new FieldError("instructionId", PathMismatch)],
            };
        if (!parsed.IsValid)
            return new(UpdateOutcome.Invalid, null, parsed.Errors, InstructionId: parsed.InstructionId);
        return await ApplyAsync(parsed.Update!, now, ct);
    }

    FieldError TooLarge => new("$", RuleText.TooLarge(options.Value.MaxBodyBytes));

    const string PathMismatch = "与请求路径中的指令编号不一致 (does not match the instruction id in the request path)";

    async Task<UpdateResult> ApplyAsync(WarningUpdate update, DateTimeOffset now, CancellationToken ct)
    {
        using var activity = DispatchTelemetry.Source.StartActivity("update");
        activity?.SetTag("dispatch.instruction_id", LogText.Safe(update.InstructionId));
        if (await store.FindByInstructionAsync(update.InstructionId, ct) is not { } taskId)
            return new(UpdateOutcome.UnknownInstruction, null,
                [new FieldError("instructionId", UnknownInstruction)], InstructionId: update.InstructionId);
        activity?.SetTag("dispatch.task_id", taskId);
        var changed = await workflow.ChangeAsync(taskId, async task =>
        {
            // Routing needs the duty roster (a store read): asked only when the domain says the update may move it.
            var from = task.RerouteFrom(update);
            var decision = from is null ? null : await roster.DecideAsync(duty => router.Route(from, duty), ct);
            return task.ApplyUpdate(update, now, _ => decision!);
        }, ct);
        if (changed is not var (result, task))
            return new(UpdateOutcome.UnknownInstruction, null,
                [new FieldError("instructionId", UnknownInstruction)], InstructionId: update.InstructionId);
        activity?.SetTag("dispatch.outcome", result.Status.ToString());
        switch (result.Status)
        {
            case ActionStatus.Applied:
                // Field names only: the values are personal data.
                log.LogInformation("Update {UpdateId} applied to task {TaskId} (instruction {InstructionId}): {Fields}",
                    LogText.Safe(update.UpdateId), task.TaskId, LogText.Safe(update.InstructionId),
                    task.History.LastOrDefault(h => h.Code == HistoryAction.Updated)?.Parameters["fields"]);
                return new(UpdateOutcome.Applied, task.TaskId, []);
            case ActionStatus.AlreadyApplied:
                return new(UpdateOutcome.AlreadyApplied, task.TaskId, []);
            default:
                var why = result.Refusal ?? new Refusal(ProblemCode.NotAllowedNow);
                return new(UpdateOutcome.Refused, task.TaskId, [new FieldError("updateId", why.Text)], why,
                    update.InstructionId, task.AreaIds);
        }
    }

    const string UnknownInstruction = "没有这条指令的任务 (no task for this instruction)";

    /// <summary>From the bus: applied, or kept with the rejections.</summary>
    public async Task SubmitAsync(ReadOnlyMemory<byte> body, CancellationToken ct)
    {
        var result = await ApplyAsync(body, null, ct);
        if (result.Outcome is UpdateOutcome.Applied or UpdateOutcome.AlreadyApplied) return;
        await KeepAsync(body, result, ct);
    }

    public async Task RejectAsync(ReadOnlyMemory<byte> body, FieldError error, CancellationToken ct) =>
        await KeepAsync(body, new UpdateResult(UpdateOutcome.Invalid, null, [error],
            InstructionId: InstructionParser.TryReadInstructionId(body.Span)), ct);

    /// <summary>A typed update from a MassTransit envelope, checked by the same rules as raw JSON.</summary>
    public async Task SubmitAsync(WarningUpdate? message, ReadOnlyMemory<byte> envelope, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var parsed = message is null
            ? new UpdateParseResult(null, [new FieldError("message", RuleText.Required)], null)
            : UpdateParser.Validate(message, now);
        var result = envelope.Length > options.Value.MaxBodyBytes
            ? new(UpdateOutcome.Invalid, null, [TooLarge])
            : parsed.IsValid
                ? await ApplyAsync(parsed.Update!, now, ct)
                : new UpdateResult(UpdateOutcome.Invalid, null, parsed.Errors, InstructionId: parsed.InstructionId);
        if (result.Outcome is not (UpdateOutcome.Applied or UpdateOutcome.AlreadyApplied))
            await KeepAsync(envelope, result, ct);
    }

    /// <summary>
    /// Kept for the duty officers of the task's area (top level when no task is known), without feedback upstream:
    /// the instruction itself stands, and INTERFACE.md §2 has no status for an update.
    /// </summary>
    async Task KeepAsync(ReadOnlyMemory<byte> body, UpdateResult result, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var areas = result.AreaIds ?? await AreasOfAsync(result.InstructionId, ct);
        var rejection = Rejection.Of(body, options.Value.MaxBodyBytes, now, Channel, result.InstructionId,
            result.Errors, areas);
        await rejections.AddAsync(rejection, feedback: null, ct);
        log.LogWarning("Update for instruction {InstructionId} kept as rejection {RejectionId}: {Outcome} {Fields}",
            LogText.Safe(result.InstructionId), rejection.RejectionId, result.Outcome,
            string.Join("; ", result.Errors.Select(e => e.Field)));
    }

    async Task<IReadOnlyList<string>> AreasOfAsync(string? instructionId, CancellationToken ct) =>
        instructionId is not null && await store.FindByInstructionAsync(instructionId, ct) is { } taskId &&
        await store.GetAsync(taskId, ct) is { } task
            ? task.AreaIds
            : [];

    /// <summary>Runs a kept update again, as it was or corrected by an operator.</summary>
    public async Task<UpdateResult> ReplayAsync(Rejection rejection, ReadOnlyMemory<byte>? correctedBody,
        CancellationToken ct)
    {
        var result = await ApplyAsync(correctedBody ?? Encoding.UTF8.GetBytes(rejection.Body), null, ct);
        if (result.Outcome is not (UpdateOutcome.Applied or UpdateOutcome.AlreadyApplied))
            await KeepAsync(correctedBody ?? Encoding.UTF8.GetBytes(rejection.Body), result, ct);
        await rejections.MarkReplayedAsync(rejection.RejectionId, clock.GetUtcNow(), result.TaskId, ct);
        return result;
    }
}
