using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using WarningDispatch.Contracts;
using WarningDispatch.Domain.Tasks;
using WarningDispatch.Service.Hosting;

namespace WarningDispatch.Service;

/// <summary>The service's own metrics, under the meter <c>WarningDispatch</c>.</summary>
public sealed class DispatchMetrics : IDisposable
{
    public const string MeterName = "WarningDispatch";
    readonly Meter _meter = new(MeterName);
    readonly Counter<long> _received, _rejected, _created, _escalations, _breaches, _conflicts, _outboxFailures,
        _outboxPublished, _timers;
    IReadOnlyDictionary<DispatchStatus, long> _byStatus = new Dictionary<DispatchStatus, long>();
    readonly Histogram<double> _pushLatency, _timerLateness, _stages;
    // Tags of each stage's work, then of each stage's wait, made once: recording allocates nothing.
    static readonly KeyValuePair<string, object?>[][] StageTags =
        (from part in new[] { "work", "wait" }
         from stage in Enum.GetValues<HotPathStage>()
         select new[] { new KeyValuePair<string, object?>("stage", stage.ToString().ToLowerInvariant()),
             new("part", part) }).ToArray();
    readonly UpDownCounter<long> _consoles;
    readonly int _sampleEvery;
    readonly int[] _passes = new int[StageCount];

    public DispatchMetrics(IOptions<StageTimingOptions> stageTiming)
    {
        _sampleEvery = stageTiming.Value.SampleEvery;
        _received = _meter.CreateCounter<long>("dispatch.instructions.received",
            description: "Instructions received, valid or not");
        _rejected = _meter.CreateCounter<long>("dispatch.instructions.rejected",
            description: "Instructions rejected by validation");
        _created = _meter.CreateCounter<long>("dispatch.tasks.created");
        _escalations = _meter.CreateCounter<long>("dispatch.escalations",
            description: "Steps up the ladder: missed acknowledgements, home visits");
        _breaches = _meter.CreateCounter<long>("dispatch.deadline.breaches",
            description: "Home-visit deadlines breached");
        _conflicts = _meter.CreateCounter<long>("dispatch.store.conflicts",
            description: "Optimistic-concurrency retries");
        _outboxFailures = _meter.CreateCounter<long>("dispatch.outbox.failures");
        _outboxPublished = _meter.CreateCounter<long>("dispatch.outbox.published");
        _timers = _meter.CreateCounter<long>("dispatch.timers.fired");
        _meter.CreateObservableGauge("dispatch.tasks", () => _byStatus.Select(kv =>
                new Measurement<long>(kv.Value, new KeyValuePair<string, object?>("status", kv.Key.ToString()))),
            description: "Tasks by status, sampled from the store");
        _pushLatency = _meter.CreateHistogram<double>("dispatch.push.latency", "ms",
            "From receiving an instruction to pushing a change of its task");
        _timerLateness = _meter.CreateHistogram<double>("dispatch.timers.lateness", "ms", "Fire time minus due time");
        _consoles = _meter.CreateUpDownCounter<long>("dispatch.consoles.connected");
        // Fine buckets below a millisecond: the stages of one instruction are tens to hundreds of microseconds each.
        _stages = _meter.CreateHistogram("dispatch.stage.duration", "ms",
            "Time of one hot-path stage of an instruction: work (CPU of ours) or wait (I/O, queues, no core)",
            advice: new InstrumentAdvice<double>
            {
                HistogramBucketBoundaries = [0.005, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75,
                    1, 1.5, 2, 3, 5, 7.5, 10, 20, 50, 100, 250, 500, 1000, 5000],
            });
    }

    public void InstructionReceived(string channel) =>
        _received.Add(1, new KeyValuePair<string, object?>("channel", channel));
    public void InstructionRejected(string channel) =>
        _rejected.Add(1, new KeyValuePair<string, object?>("channel", channel));
    public void TaskCreated(DispatchTask task) =>
        _created.Add(1, new KeyValuePair<string, object?>("status", task.Status.ToString()));
    /// <summary>
    /// Counts the ladder's steps of one change: each move up the ladder, and each breached home-visit deadline.
    /// </summary>
    public void Steps(IEnumerable<TaskHistoryEntry> steps)
    {
        foreach (var step in steps)
        {
            if (step.Code is HistoryAction.AckMissed or HistoryAction.OfficerOffDuty or HistoryAction.HomeVisit
                or HistoryAction.LadderExhausted)
                _escalations.Add(1, new KeyValuePair<string, object?>("step", step.Code.ToString()));
            if (step.Code == HistoryAction.VisitBreached) _breaches.Add(1);
        }
    }
    public void Conflict() => _conflicts.Add(1);
    public void OutboxFailure() => _outboxFailures.Add(1);
    public void OutboxPublished(int count) => _outboxPublished.Add(count);
    public void TasksByStatus(IReadOnlyDictionary<DispatchStatus, long> counts) => _byStatus = counts;
    public void TimerFired(TimeSpan lateness, DeadlineResult result)
    {
        _timers.Add(1, new KeyValuePair<string, object?>("result", result.ToString()));
        _timerLateness.Record(lateness.TotalMilliseconds);
    }
    /// <summary>Starts a pass of <paramref name="stage"/>, timed if it is one of the sampled passes.</summary>
    public StageTimer StartStage(HotPathStage stage) => StageTimer.Start(Sampled(stage));

    /// <inheritdoc cref="StageTimer.StartWaiting"/>
    public StageTimer StartWaitingStage(HotPathStage stage) => StageTimer.StartWaiting(Sampled(stage));

    // The first pass of each stage is timed, then every SampleEvery-th.
    bool Sampled(HotPathStage stage) =>
        _sampleEvery == 1 || (Interlocked.Increment(ref _passes[(int)stage]) - 1) % _sampleEvery == 0;

    /// <summary>Records a stage timed by <paramref name="timer"/> as its work and the rest of its wall time.</summary>
    public void Stage(HotPathStage stage, StageTimer timer)
    {
        if (!timer.Timed) return;
        var (wall, work) = timer.Stop();
        _stages.Record(work, StageTags[(int)stage]);
        _stages.Record(wall - work, StageTags[StageCount + (int)stage]);
    }

    /// <summary>Records a stage that was waiting only (a queue, an acknowledgement).</summary>
    public void StageWait(HotPathStage stage, TimeSpan wall) =>
        _stages.Record(wall.TotalMilliseconds, StageTags[StageCount + (int)stage]);

    static readonly int StageCount = Enum.GetValues<HotPathStage>().Length;

    public void Pushed(TimeSpan sinceReceived) => _pushLatency.Record(sinceReceived.TotalMilliseconds);
    public void ConsoleConnected(int delta) => _consoles.Add(delta);

    /// <summary>This instance's meter: tests tell their host's measurements from other hosts' in one process.</summary>
    internal Meter Meter => _meter;

    public void Dispose() => _meter.Dispose();
}
