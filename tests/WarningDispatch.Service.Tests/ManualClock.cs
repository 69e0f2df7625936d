namespace WarningDispatch.Service.Tests;

/// <summary>A clock the test moves by hand; timers created on it (Task.Delay, PeriodicTimer) fire when it passes them.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    readonly Lock _gate = new();
    readonly List<ManualTimer> _timers = [];
    DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() { lock (_gate) return _now; }
    public override long GetTimestamp() => GetUtcNow().UtcTicks;
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public void Advance(TimeSpan by)
    {
        List<ManualTimer> due;
        lock (_gate)
        {
            _now += by;
            due = _timers.Where(t => t.DueAt <= _now).OrderBy(t => t.DueAt).ToList();
        }
        foreach (var timer in due) timer.Fire();
    }

    public void AdvanceTo(DateTimeOffset at) => Advance(at - GetUtcNow());

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    sealed class ManualTimer(ManualClock clock, TimerCallback callback, object? state) : ITimer
    {
        TimeSpan _period = Timeout.InfiniteTimeSpan;
        public DateTimeOffset DueAt { get; private set; } = DateTimeOffset.MaxValue;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._gate)
            {
                clock._timers.Remove(this);
                _period = period;
                if (dueTime == Timeout.InfiniteTimeSpan) { DueAt = DateTimeOffset.MaxValue; return true; }
                DueAt = clock._now + dueTime;
                clock._timers.Add(this);
            }
            if (dueTime <= TimeSpan.Zero) Fire();
            return true;
        }

        public void Fire()
        {
            lock (clock._gate)
            {
                if (!clock._timers.Contains(this) || DueAt > clock._now) return;
                clock._timers.Remove(this);
                if (_period > TimeSpan.Zero && _period != Timeout.InfiniteTimeSpan)
                {
                    DueAt = clock._now + _period;
                    clock._timers.Add(this);
                }
            }
            ThreadPool.UnsafeQueueUserWorkItem(_ => callback(state), null);
        }

        public void Dispose() { lock (clock._gate) clock._timers.Remove(this); }
        public ValueTask DisposeAsync() { Dispose(); return ValueTask.CompletedTask; }
    }
}
