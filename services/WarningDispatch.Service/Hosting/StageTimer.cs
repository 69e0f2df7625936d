using System.Diagnostics;

namespace WarningDispatch.Service.Hosting;

/// <summary>
/// Times one stage: wall time from start to <see cref="DispatchMetrics.Stage"/>, and as work the CPU this thread
/// spent in the stage's synchronous part — up to <see cref="Issued"/> when the stage then awaits I/O (the
/// continuation may run on another thread, whose clock says nothing about this stage), else up to the end.
/// A pass that is not sampled (<see cref="StageTimingOptions.SampleEvery"/>) reads no clock and records nothing.
/// </summary>
public struct StageTimer
{
    readonly long _wallStart;
    readonly long _cpuStart;
    readonly int _thread;
    long _workNs;
    long _excluded;
    bool _issued;

    StageTimer(long wallStart, long cpuStart, int thread)
    {
        _wallStart = wallStart;
        _cpuStart = cpuStart;
        _thread = thread;
        Timed = true;
    }

    /// <summary>This pass is timed; false: every call on it is free.</summary>
    public bool Timed { get; }

    internal static StageTimer Start(bool timed) => timed
        ? new(Stopwatch.GetTimestamp(), ThreadCpuClock.Now(), Environment.CurrentManagedThreadId)
        : default;

    /// <summary>A stage whose work is only what <see cref="AddWork"/> counts.</summary>
    internal static StageTimer StartWaiting(bool timed)
    {
        var timer = Start(timed);
        timer._issued = true;
        return timer;
    }

    /// <summary>This thread's CPU clock for <see cref="AddWork"/>; zero when the pass is not timed.</summary>
    public readonly long CpuNow() => Timed ? ThreadCpuClock.Now() : 0;

    /// <summary>The synchronous part is done; what follows until the end is waiting.</summary>
    public void Issued()
    {
        if (_issued || !Timed) return;
        _issued = true;
        _workNs += ThreadCpuClock.Now() - _cpuStart;
    }

    /// <summary>Counts CPU spent in a synchronous callback run while the stage waited (a routing decision).</summary>
    public void AddWork(long cpuNs) => _workNs += cpuNs;

    /// <summary>Leaves out of this stage a part of its time that another stage accounts for.</summary>
    public void Exclude(long fromTimestamp, long toTimestamp) => _excluded += toTimestamp - fromTimestamp;

    internal (double WallMs, double WorkMs) Stop()
    {
        var wall = Stopwatch.GetElapsedTime(_wallStart + _excluded).TotalMilliseconds;
        if (!_issued && Environment.CurrentManagedThreadId == _thread) _workNs += ThreadCpuClock.Now() - _cpuStart;
        var work = Math.Min(wall, _workNs / 1_000_000.0);
        return (wall, Math.Max(0, work));
    }
}
