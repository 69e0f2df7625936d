using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Options;
using WarningDispatch.Contracts;
using WarningDispatch.Domain.Cases;
using WarningDispatch.Domain.Escalation;
using WarningDispatch.Domain.Ingest;
using WarningDispatch.Domain.Routing;
using WarningDispatch.Domain.Tasks;
using WarningDispatch.Service.Cases;
using WarningDispatch.Service.Feedback;
using WarningDispatch.Service.Hosting;
using WarningDispatch.Service.Officers;
using WarningDispatch.Service.Tasks;

namespace WarningDispatch.Service.Ingest;

/// <summary>
/// The one way in for an instruction, whichever channel it came by: the size cap, every rule, and then either a kept
/// rejection (with its reasons and Rejected feedback) or exactly one task per instruction id, routed and with its
/// first deadline set. Nothing a sender writes makes it throw: only the store being unreachable does.
/// </summary>
public sealed class InstructionIntake(
    TaskWorkflow workflow,
    ICaseStore cases,
    PersonKeyring people,
    IOptions<CorrelationOptions> correlation,
    IRejectionStore rejections,
    RejectionArea areas,
    IOfficerRoster roster,
    Router router,
    EscalationPolicy policy,
    IOptions<IngestOptions> options,
    TimeProvider clock,
    DispatchMetrics metrics,
    ILogger<InstructionIntake> log) : IMessageIntake
{
    /// <summary>Arrivals about one person that can overtake this one while it links; each retry reads afresh.</summary>
    const int MaxCaseAttempts = 16;

    /// <summary>A raw JSON body from any channel.</summary>
    public async Task<IntakeResult> SubmitAsync(ReadOnlyMemory<byte> body, string channel, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var validating = metrics.StartStage(HotPathStage.Validate);
        var parsed = TooLarge(body) ?? InstructionParser.Parse(body.Span, now, options.Value.MaxAge);
        metrics.Stage(HotPathStage.Validate, validating);
        return await SubmitAsync(parsed, body, channel, now, ct);
    }

    /// <summary>A typed instruction from a MassTransit envelope, checked by the same rules as raw JSON.</summary>
    public async Task<IntakeResult> SubmitAsync(DispatchWarning? message, ReadOnlyMemory<byte> envelope, string channel,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var validating = metrics.StartStage(HotPathStage.Validate);
        var parsed = TooLarge(envelope)
                     ?? (message is null
                         ? new ParseResult(null, [new FieldError("message", RuleText.Required)], null)
                         : InstructionParser.Validate(message, now, options.Value.MaxAge));
        metrics.Stage(HotPathStage.Validate, validating);
        return await SubmitAsync(parsed, envelope, channel, now, ct);
    }

    /// <summary>Keeps a message that is not an instruction at all (another message type) as a rejection.</summary>
    public Task<IntakeResult> RejectAsync(ReadOnlyMemory<byte> body, string channel, FieldError error,
        CancellationToken ct)
    {
        var parsed = new ParseResult(null, [error], InstructionParser.TryReadInstructionId(body.Span));
        return SubmitAsync(parsed, body, channel, clock.GetUtcNow(), ct);
    }

    async Task<IntakeResult> SubmitAsync(ParseResult parsed, ReadOnlyMemory<byte> body, string channel,
        DateTimeOffset now, CancellationToken ct)
    {
        using var activity = DispatchTelemetry.Source.StartActivity("ingest");
        activity?.SetTag("dispatch.channel", channel);
        activity?.SetTag("dispatch.instruction_id", LogText.Safe(parsed.InstructionId));
        metrics.InstructionReceived(channel);
        var result = parsed.IsValid
            ? await CreateAsync(parsed.Instruction!, channel, now, ct)
            : await RejectAsync(parsed, body, channel, now, ct);
        activity?.SetTag("dispatch.outcome", result.Outcome.ToString());
        activity?.SetTag("dispatch.task_id", result.TaskId);
        return result;
    }

    ParseResult? TooLarge(ReadOnlyMemory<byte> body) =>
        body.Length <= options.Value.MaxBodyBytes ? null : new ParseResult(null,
            [new FieldError("$", RuleText.TooLarge(options.Value.MaxBodyBytes))],
            InstructionParser.TryReadInstructionId(body.Span[..Math.Min(body.Length, Rejection.KeptOfOversized)]));

    async Task<IntakeResult> CreateAsync(DispatchWarning instruction, string channel, DateTimeOffset now,
        CancellationToken ct)
    {
        // No look-up for a duplicate first: the create is atomic on the instruction id and says so, and a copy is rare
        // enough that routing it in vain costs less than a store round trip on every instruction.
        var keys = people.Of(instruction.Subject);
        var casePolicy = correlation.Value.Policy;
        var taskId = NewTaskId(now);
        for (var attempt = 1; ; attempt++)
        {
            // First try: no round trip before the commit. A new person (most warnings) has no case, and the routing
            // is decided on the roster and counts in memory; the commit checks both (the person keys still absent,
            // the duty version unchanged) and says when it guessed wrong. Otherwise the case and the roster are read
            // side by side (one round trip of waiting, not two), and a person who already has an officer — a repeat
            // warning — is routed again, to that officer.
            using var span = DispatchTelemetry.Source.StartActivity("route");
            var routing = metrics.StartWaitingStage(HotPathStage.Route);
            var fromMemory = attempt == 1 ? Work(ref routing, () => roster.DecideFromMemory(Decide(null))) : null;
            var (byId, byPhone) = ((CaseView?)null, (CaseView?)null);
            RoutingDecision route;
            if (fromMemory is not null) route = fromMemory.Decision;
            else
            {
                var reading = metrics.StartStage(HotPathStage.Case);
                var readFrom = Stopwatch.GetTimestamp();
                var finding = cases.FindAsync(keys, ct);
                var usual = roster.DecideAsync(Timed(Decide(null)), ct);
                reading.Issued();
                await Task.WhenAll(finding, usual);
                metrics.Stage(HotPathStage.Case, reading);
                routing.Exclude(readFrom, Stopwatch.GetTimestamp());
                ((byId, byPhone), route) = (finding.Result, usual.Result);
            }
            var link = Work(ref routing,
                () => CaseLinker.Decide(keys, byId, byPhone, now, casePolicy, () => NewCaseId(now)));
            if (link.Holder is { } holder) route = await roster.DecideAsync(Timed(Decide(holder)), ct);
            var task = Work(ref routing, () =>
            {
                var area = router.Posts.Find(route.PostId)?.AreaType
                           ?? router.Posts.ByRegionCode(instruction.Subject.RegionCode)?.AreaType
                           ?? AreaType.Urban;
                return DispatchTask.Create(taskId, instruction, now, policy.PlanFor(instruction, area), route,
                    new CaseStart(link, keys.IdKey, casePolicy));
            });
            metrics.Stage(HotPathStage.Route, routing);
            span?.SetTag("dispatch.post_id", route.PostId);
            span?.SetTag("dispatch.reason", route.Reason);
            span?.SetTag("dispatch.routed_from", fromMemory is null ? "store" : "memory");
            span?.Dispose();
            var created = await workflow.CreateAsync(task, link, fromMemory?.DutyVersion, ct);
            if (created.Outcome == CreateOutcome.RosterChanged) roster.Forget();
            if (created.Outcome == CreateOutcome.Created) roster.Committed(task.OfficerId, fromMemory?.DutyVersion);
            if (created.Outcome is CreateOutcome.CaseChanged or CreateOutcome.RosterChanged
                && attempt < MaxCaseAttempts) continue;
            if (created.Outcome is CreateOutcome.CaseChanged or CreateOutcome.RosterChanged)
                throw new InvalidOperationException($"The case of task {taskId} kept changing.");
            return Created(created, task, channel);

            // To the officer who already has the person, if any and on duty; otherwise the usual routing.
            Func<IDutyRoster, RoutingDecision> Decide(CaseMember? holder) => duty =>
                holder is { PostId: { } post, OfficerId: { } officer }
                && router.ToCaseHolder(post, officer, duty) is { } toHolder
                    ? toHolder
                    : router.Route(instruction.Subject, duty);

            // The routing decisions' CPU is the route stage's work; the rest of its time is the roster's round trip.
            Func<IDutyRoster, RoutingDecision> Timed(Func<IDutyRoster, RoutingDecision> decide) => duty =>
            {
                var cpu = routing.CpuNow();
                var decision = decide(duty);
                routing.AddWork(routing.CpuNow() - cpu);
                return decision;
            };
        }
    }

    IntakeResult Created(CreateResult created, DispatchTask task, string channel)
    {
        if (created.Outcome == CreateOutcome.Duplicate)
        {
            log.LogInformation("Duplicate instruction via {Channel} ignored; task {TaskId} already exists",
                channel, created.TaskId);
            return new IntakeResult(IntakeOutcome.Duplicate, created.TaskId, []);
        }
        log.LogInformation(
            "Task {TaskId} created for instruction {InstructionId} via {Channel}: {Status} to post {PostId}, " +
            "officer {OfficerId}",
            task.TaskId, LogText.Safe(task.InstructionId), channel, task.Status, task.PostId, task.OfficerId);
        return new IntakeResult(IntakeOutcome.Created, task.TaskId, []);
    }

    async Task<IntakeResult> RejectAsync(ParseResult parsed, ReadOnlyMemory<byte> body, string channel,
        DateTimeOffset now, CancellationToken ct)
    {
        var truncated = body.Length > options.Value.MaxBodyBytes;
        var rejection = Rejection.Of(body, options.Value.MaxBodyBytes, now, channel, parsed.InstructionId,
            parsed.Errors, truncated ? [] : areas.Of(body.Span));
        var feedback = new InstructionStatusChanged
        {
            InstructionId = parsed.InstructionId ?? "",
            Status = FeedbackStatus.Rejected,
            OccurredAt = now,
            RejectionId = rejection.RejectionId,
            Reasons = parsed.Errors.Select(e => e.ToString()).ToList(),
        };
        await rejections.AddAsync(rejection, new OutboxMessage { Feedback = feedback }, ct);
        metrics.InstructionRejected(channel);
        // Field names and rule texts only: the rule messages never echo the submitted values.
        log.LogWarning("Instruction {InstructionId} via {Channel} rejected as {RejectionId}: {Reasons}",
            LogText.Safe(parsed.InstructionId), channel, rejection.RejectionId,
            string.Join("; ", parsed.Errors.Select(e => e.Field)));
        return new IntakeResult(IntakeOutcome.Rejected, null, parsed.Errors, rejection.RejectionId);
    }

    Task IMessageIntake.SubmitAsync(ReadOnlyMemory<byte> body, CancellationToken ct) => SubmitAsync(body, "amqp", ct);

    Task IMessageIntake.RejectAsync(ReadOnlyMemory<byte> body, FieldError error, CancellationToken ct) =>
        RejectAsync(body, "amqp", error, ct);

    /// <summary>Runs a kept rejection through intake again, as it was or corrected by an operator.</summary>
    /// <param name="rejection">The kept rejection, already checked to be the operator's to replay.</param>
    /// <param name="correctedBody">The operator's corrected JSON; null replays the body as it was received.</param>
    public async Task<IntakeResult> ReplayAsync(Rejection rejection, ReadOnlyMemory<byte>? correctedBody,
        CancellationToken ct)
    {
        var result = await SubmitAsync(correctedBody ?? Encoding.UTF8.GetBytes(rejection.Body), "replay", ct);
        await rejections.MarkReplayedAsync(rejection.RejectionId, clock.GetUtcNow(), result.TaskId, ct);
        return result;
    }

    static string NewCaseId(DateTimeOffset now) => "C" + Guid.CreateVersion7(now).ToString("N").ToUpperInvariant();

    static string NewTaskId(DateTimeOffset now) => "T" + Guid.CreateVersion7(now).ToString("N").ToUpperInvariant();

    /// <summary>Runs a synchronous step of a stage that also waits, counting its CPU as the stage's work.</summary>
    static T Work<T>(ref StageTimer stage, Func<T> step)
    {
        var cpu = stage.CpuNow();
        var result = step();
        stage.AddWork(stage.CpuNow() - cpu);
        return result;
    }
}
