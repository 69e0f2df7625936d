using System.Text;
using WarningDispatch.Contracts;
using WarningDispatch.Domain.Escalation;
using WarningDispatch.Domain.Ingest;
using WarningDispatch.Domain.Routing;
using WarningDispatch.Domain.Tasks;
using WarningDispatch.Service.Hosting;
using WarningDispatch.Service.Officers;
using WarningDispatch.Service.Tasks;

namespace WarningDispatch.Service.Ingest;

public enum IntakeOutcome { Created, Duplicate, Rejected }

public sealed record IntakeResult(IntakeOutcome Outcome, string? TaskId, IReadOnlyList<FieldError> Errors, string? RejectionId = null);

/// <summary>
/// The one way in for an instruction, whichever channel it came by: validate every rule, reject with reasons (kept,
/// with Rejected feedback), or create exactly one task per instruction id, routed and with its first deadline set.
/// </summary>
public sealed class InstructionIntake(
    TaskWorkflow workflow,
    IRejectionStore rejections,
    IOfficerRoster roster,
    Router router,
    EscalationPolicy policy,
    TimeProvider clock,
    DispatchMetrics metrics,
    ILogger<InstructionIntake> log)
{
    public async Task<IntakeResult> SubmitAsync(ReadOnlyMemory<byte> body, string channel, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return await SubmitAsync(InstructionParser.Parse(body.Span, now), body, channel, now, ct);
    }

    public async Task<IntakeResult> SubmitAsync(ParseResult parsed, ReadOnlyMemory<byte> body, string channel, DateTimeOffset now, CancellationToken ct)
    {
        using var activity = DispatchTelemetry.Source.StartActivity("ingest");
        activity?.SetTag("dispatch.channel", channel);
        activity?.SetTag("dispatch.instruction_id", parsed.InstructionId);
        metrics.InstructionReceived(channel);
        var result = parsed.IsValid ? await CreateAsync(parsed.Instruction!, channel, now, ct) : await RejectAsync(parsed, body, channel, now, ct);
        activity?.SetTag("dispatch.outcome", result.Outcome.ToString());
        activity?.SetTag("dispatch.task_id", result.TaskId);
        return result;
    }

    async Task<IntakeResult> CreateAsync(DispatchWarning instruction, string channel, DateTimeOffset now, CancellationToken ct)
    {
        // No look-up for a duplicate first: the create is atomic on the instruction id and says so, and a copy is rare
        // enough that routing it in vain costs less than a store round trip on every instruction.
        RoutingDecision route;
        using (var routing = DispatchTelemetry.Source.StartActivity("route"))
        {
            route = await roster.DecideAsync(duty => router.Route(instruction.Subject, duty), ct);
            routing?.SetTag("dispatch.post_id", route.PostId);
            routing?.SetTag("dispatch.reason", route.Reason);
        }
        var area = router.Posts.Find(route.PostId)?.AreaType
                   ?? router.Posts.ByRegionCode(instruction.Subject.RegionCode)?.AreaType
                   ?? AreaType.Urban;
        var task = DispatchTask.Create(NewTaskId(now), instruction, now, policy.PlanFor(instruction, area), route);
        var created = await workflow.CreateAsync(task, ct);
        if (created.Outcome == CreateOutcome.Duplicate) return Duplicate(created.TaskId, channel);

        log.LogInformation("Task {TaskId} created for instruction {InstructionId} via {Channel}: {Status} to post {PostId}, officer {OfficerId}",
            task.TaskId, task.InstructionId, channel, task.Status, task.PostId, task.OfficerId);
        return new IntakeResult(IntakeOutcome.Created, task.TaskId, []);
    }

    IntakeResult Duplicate(string taskId, string channel)
    {
        log.LogInformation("Duplicate instruction via {Channel} ignored; task {TaskId} already exists", channel, taskId);
        return new IntakeResult(IntakeOutcome.Duplicate, taskId, []);
    }

    async Task<IntakeResult> RejectAsync(ParseResult parsed, ReadOnlyMemory<byte> body, string channel, DateTimeOffset now, CancellationToken ct)
    {
        var rejection = new Rejection
        {
            RejectionId = "rej-" + Guid.CreateVersion7(now).ToString("N")[..20],
            ReceivedAt = now,
            Channel = channel,
            InstructionId = parsed.InstructionId,
            Errors = parsed.Errors,
            Body = Encoding.UTF8.GetString(body.Span),
        };
        var feedback = new InstructionStatusChanged
        {
            InstructionId = parsed.InstructionId ?? "",
            Status = FeedbackStatus.Rejected,
            OccurredAt = now,
            Reasons = parsed.Errors.Select(e => e.ToString()).ToList(),
        };
        await rejections.AddAsync(rejection, new OutboxMessage { Feedback = feedback }, ct);
        metrics.InstructionRejected(channel);
        // Field names and rule texts only: the rule messages never echo the submitted values.
        log.LogWarning("Instruction {InstructionId} via {Channel} rejected as {RejectionId}: {Reasons}",
            parsed.InstructionId, channel, rejection.RejectionId, string.Join("; ", parsed.Errors));
        return new IntakeResult(IntakeOutcome.Rejected, null, parsed.Errors, rejection.RejectionId);
    }

    /// <summary>Runs a kept rejection through intake again, as it was or corrected by an operator.</summary>
    /// <param name="correctedBody">The operator's corrected JSON; null replays the body as it was received.</param>
    public async Task<IntakeResult?> ReplayAsync(string rejectionId, ReadOnlyMemory<byte>? correctedBody, CancellationToken ct)
    {
        var rejection = await rejections.GetAsync(rejectionId, ct);
        if (rejection is null) return null;
        var result = await SubmitAsync(correctedBody ?? Encoding.UTF8.GetBytes(rejection.Body), "replay", ct);
        await rejections.MarkReplayedAsync(rejectionId, clock.GetUtcNow(), result.TaskId, ct);
        return result;
    }

    static string NewTaskId(DateTimeOffset now) => "T" + Guid.CreateVersion7(now).ToString("N").ToUpperInvariant();
}
