using System.Diagnostics;
using WarningDispatch.Service.Cases;
using WarningDispatch.Service.FraudReports;
using WarningDispatch.Service.Hosting;
using WarningDispatch.Service.Storage;

namespace WarningDispatch.Service.Feedback;

/// <summary>
/// Publishes what the store's outbox holds: feedback to <c>warning-feedback</c>, task changes to the task-events
/// exchange (every instance pushes them to its consoles). One instance leads at a time so entries leave in the order
/// they were written; entries of different tasks go out concurrently, a task's feedback in order and its changes in
/// order (the two streams side by side). An entry is
/// removed only after the broker confirmed it; a failure keeps it and retries with back-off, so a crash or a broker
/// outage delays feedback but never loses it. After a crash an event may go out twice: consumers deduplicate by
/// (instructionId, status, occurredAt), consoles by version.
/// </summary>
public sealed class OutboxDispatcher(
    IOutbox outbox,
    DispatchSignals signals,
    ServiceInstance instance,
    IOutboxPublisher publisher,
    CaseFollowUps caseFollowUps,
    FraudReportFollowUps fraudReportFollowUps,
    TimeProvider clock,
    DispatchMetrics metrics,
    ILogger<OutboxDispatcher> log) : BackgroundService
{
    const int BatchSize = 256;
    static readonly TimeSpan Lease = TimeSpan.FromSeconds(3);
    static readonly TimeSpan IdlePoll = TimeSpan.FromMilliseconds(500);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.Zero;
        var leading = false;
        var renewedAt = 0L;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // The lease is renewed when a third of it has passed, not on every batch: one store round trip
                // saved per batch.
                if (!leading || clock.GetElapsedTime(renewedAt) >= Lease / 3)
                {
                    var lead = await outbox.TryLeadAsync(instance.Id, Lease, stoppingToken);
                    if (lead != leading)
                        log.LogInformation(lead
                            ? "This instance now publishes the outbox"
                            : "Another instance publishes the outbox");
                    leading = lead;
                    renewedAt = clock.GetTimestamp();
                }
                var more = leading && await DrainAsync(stoppingToken);
                backoff = TimeSpan.Zero;
                if (!more) await signals.Outbox.WaitAsync(IdlePoll, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                leading = false;
                backoff = backoff == TimeSpan.Zero
                    ? TimeSpan.FromMilliseconds(100)
                    : TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
                metrics.OutboxFailure();
                log.LogError(e, "Outbox dispatch failed; entries stay and are retried in {Backoff}", backoff);
                try { await Task.Delay(backoff, clock, stoppingToken); } catch (OperationCanceledException) { return; }
            }
        }
    }

    /// <summary>Sends one batch; true when there may be more.</summary>
    public async Task<bool> DrainAsync(CancellationToken ct)
    {
        var batch = await outbox.PendingAsync(BatchSize, ct);
        if (batch.Count == 0) return false;
        // Feedback (for upstream) and task changes (for the consoles) have different consumers: each keeps its order
        // per task, but a task change does not wait behind the broker's confirms of the feedback written with it.
        await Task.WhenAll(batch.GroupBy(m => (m.TaskChanged is not null, m.OrderingKey)).Select(async entries =>
        {
            foreach (var message in entries) await PublishAsync(message, ct);
        }));
        var remaining = await outbox.RemoveFirstAsync(batch.Count, ct);
        metrics.OutboxPublished(batch.Count);
        return remaining > 0;
    }

    async Task PublishAsync(OutboxMessage message, CancellationToken ct)
    {
        if (message.CaseEvent is { } caseEvent)
        {
            await caseFollowUps.ApplyAsync(caseEvent, ct);
            return;
        }
        if (message.FraudReportId is { } reportId)
        {
            await fraudReportFollowUps.ApplyAsync(reportId, ct);
            return;
        }
        using var activity = message.TraceParent is { } parent
                             && ActivityContext.TryParse(parent, null, out var context)
            ? DispatchTelemetry.Source.StartActivity("outbox publish", ActivityKind.Producer, context)
            : DispatchTelemetry.Source.StartActivity("outbox publish", ActivityKind.Producer);
        await publisher.PublishAsync(message, ct);
    }
}
