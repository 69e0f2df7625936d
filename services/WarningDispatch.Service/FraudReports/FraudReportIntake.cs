using System.Text;
using Microsoft.Extensions.Options;
using WarningDispatch.Contracts;
using WarningDispatch.Domain.Ingest;
using WarningDispatch.Service.Feedback;
using WarningDispatch.Service.Hosting;
using WarningDispatch.Service.Ingest;

namespace WarningDispatch.Service.FraudReports;

/// <summary>
/// The one way in for a fraud report, over HTTP or the bus: the size cap, every rule (<see cref="FraudReportParser"/>),
/// then either the report kept once by its id (its matching queued with it) or a rejection kept on channel
/// <see cref="Channel"/> with Rejected feedback upstream. Nothing a sender writes makes it throw: only the store being
/// unreachable does.
/// </summary>
public sealed class FraudReportIntake(
    IFraudReportStore reports,
    IRejectionStore rejections,
    IOptions<IngestOptions> options,
    TimeProvider clock,
    ILogger<FraudReportIntake> log) : IMessageIntake
{
    /// <summary>The channel of the rejections this intake keeps (the list and replay tell them by it).</summary>
    public const string Channel = "fraud-reports";

    /// <summary>A raw JSON body; <paramref name="via"/> is "http", "amqp" or "replay".</summary>
    public Task<FraudReportResult> SubmitAsync(ReadOnlyMemory<byte> body, string via, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var parsed = TooLarge(body) ?? FraudReportParser.Parse(body.Span, now);
        return SubmitAsync(parsed, body, via, now, ct);
    }

    /// <summary>A typed report from a MassTransit envelope, checked by the same rules as raw JSON.</summary>
    public Task<FraudReportResult> SubmitAsync(FraudReport? message, ReadOnlyMemory<byte> envelope,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var parsed = TooLarge(envelope)
                     ?? (message is null
                         ? new FraudReportParseResult(null, [new FieldError("message", RuleText.Required)], null)
                         : FraudReportParser.Validate(message, now));
        return SubmitAsync(parsed, envelope, "amqp", now, ct);
    }

    FraudReportParseResult? TooLarge(ReadOnlyMemory<byte> body) =>
        body.Length <= options.Value.MaxBodyBytes ? null : new FraudReportParseResult(null,
            [new FieldError("$", RuleText.TooLarge(options.Value.MaxBodyBytes))],
            FraudReportParser.TryReadReportId(body.Span[..Math.Min(body.Length, Rejection.KeptOfOversized)]));

    async Task<FraudReportResult> SubmitAsync(FraudReportParseResult parsed, ReadOnlyMemory<byte> body, string via,
        DateTimeOffset now, CancellationToken ct)
    {
        using var activity = DispatchTelemetry.Source.StartActivity("fraud report");
        activity?.SetTag("dispatch.channel", via);
        activity?.SetTag("dispatch.report_id", LogText.Safe(parsed.ReportId));
        if (!parsed.IsValid) return await RejectAsync(parsed, body, now, ct);
        var report = parsed.Report!;
        var recorded = await reports.RecordAsync(
            new StoredFraudReport { Report = report, ReceivedAt = now, Channel = via }, ct);
        activity?.SetTag("dispatch.outcome", recorded ? "recorded" : "duplicate");
        // The report id only: the subject is personal data.
        log.LogInformation(recorded
                ? "Fraud report {ReportId} via {Channel} recorded; matching queued"
                : "Fraud report {ReportId} via {Channel} was recorded before; nothing done again",
            LogText.Safe(report.ReportId), via);
        return new(recorded ? FraudReportOutcome.Recorded : FraudReportOutcome.Duplicate, report.ReportId, []);
    }

    /// <summary>
    /// Kept for the top-level duty officers (a report names no area) and answered upstream as <c>Rejected</c> with
    /// the report id; the feedback's <c>instructionId</c> is empty: a report is no instruction.
    /// </summary>
    async Task<FraudReportResult> RejectAsync(FraudReportParseResult parsed, ReadOnlyMemory<byte> body,
        DateTimeOffset now, CancellationToken ct)
    {
        var rejection = Rejection.Of(body, options.Value.MaxBodyBytes, now, Channel, null, parsed.Errors, []);
        var feedback = new InstructionStatusChanged
        {
            InstructionId = "",
            Status = FeedbackStatus.Rejected,
            OccurredAt = now,
            RejectionId = rejection.RejectionId,
            Reasons = parsed.Errors.Select(e => e.ToString()).ToList(),
            ReportId = parsed.ReportId,
        };
        await rejections.AddAsync(rejection, new OutboxMessage { Feedback = feedback }, ct);
        // Field names only: the rule texts never echo values, but the fields are enough to tell what broke.
        log.LogWarning("Fraud report {ReportId} rejected as {RejectionId}: {Fields}", LogText.Safe(parsed.ReportId),
            rejection.RejectionId, string.Join("; ", parsed.Errors.Select(e => e.Field)));
        return new(FraudReportOutcome.Rejected, parsed.ReportId, parsed.Errors, rejection.RejectionId);
    }

    Task IMessageIntake.SubmitAsync(ReadOnlyMemory<byte> body, CancellationToken ct) => SubmitAsync(body, "amqp", ct);

    Task IMessageIntake.RejectAsync(ReadOnlyMemory<byte> body, FieldError error, CancellationToken ct) =>
        SubmitAsync(new FraudReportParseResult(null, [error], FraudReportParser.TryReadReportId(body.Span)), body,
            "amqp", clock.GetUtcNow(), ct);

    /// <summary>Runs a kept report through intake again, as it was or corrected by an operator.</summary>
    public async Task<FraudReportResult> ReplayAsync(Rejection rejection, ReadOnlyMemory<byte>? correctedBody,
        CancellationToken ct)
    {
        var result = await SubmitAsync(correctedBody ?? Encoding.UTF8.GetBytes(rejection.Body), "replay", ct);
        await rejections.MarkReplayedAsync(rejection.RejectionId, clock.GetUtcNow(), null, ct);
        return result;
    }
}
