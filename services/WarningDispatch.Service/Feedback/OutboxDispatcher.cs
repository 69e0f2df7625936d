using MassTransit;
using WarningDispatch.Service.Realtime;
using WarningDispatch.Service.Tasks;

namespace WarningDispatch.Service.Feedback;

/// <summary>
/// Publishes what the store's outbox holds, in order: feedback to <c>warning-feedback</c>, task changes to the
/// consoles. An entry is removed only after it went out; a failure keeps it and retries with back-off, so a crash
/// or a broker outage delays feedback but never loses it. Upstream may see an event twice after a crash and
/// deduplicates by (instructionId, status, occurredAt).
/// </summary>
public sealed class OutboxDispatcher(
    IOutbox outbox,
    DispatchSignals signals,
    IServiceScopeFactory scopes,
    TaskBroadcaster broadcaster,
    TimeProvider clock,
    DispatchMetrics metrics,
    ILogger<OutboxDispatcher> log) : BackgroundService
{
    static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(5);
    static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.Zero;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var drained = await DrainAsync(stoppingToken);
                backoff = TimeSpan.Zero;
                if (drained) continue;
                await signals.Outbox.WaitAsync(IdlePoll, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                backoff = backoff == TimeSpan.Zero ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
                metrics.OutboxFailure();
                log.LogError(e, "Outbox dispatch failed; {Pending} entries wait, retrying in {Backoff}", await SafeCount(), backoff);
                try { await Task.Delay(backoff, clock, stoppingToken); } catch (OperationCanceledException) { return; }
            }
        }
    }

    /// <summary>Sends one batch; true when there may be more.</summary>
    public async Task<bool> DrainAsync(CancellationToken ct)
    {
        var batch = await outbox.PendingAsync(256, ct);
        if (batch.Count == 0) return false;
        await using var scope = scopes.CreateAsyncScope();
        var publisher = scope.ServiceProvider.GetRequiredService<IPublishEndpoint>();
        foreach (var message in batch)
        {
            if (message.Feedback is { } feedback)
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(PublishTimeout);
                await publisher.Publish(feedback, timeout.Token);
            }
            if (message.TaskChanged is { } change)
                await broadcaster.PushAsync(change, ct);
            await outbox.RemoveAsync(message, ct);
        }
        return batch.Count == 256;
    }

    async Task<long> SafeCount()
    {
        try { return await outbox.PendingCountAsync(CancellationToken.None); } catch { return -1; }
    }
}
