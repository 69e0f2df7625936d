using System.Diagnostics;

namespace WarningDispatch.Service.Hosting;

/// <summary>
/// Times one stage: wall time from start to <see cref="DispatchMetrics.Stage"/>, and as work the CPU this thread
/// spent in the stage's synchronous part — up to <see cref="Issued"/> when the stage then awaits I/O (the
/// continuation may run on another thread, whose clock says nothing about this stage), else up to the end.
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
    }

    public static StageTimer Start() =>
        new(Stopwatch.GetTimestamp(), ThreadCpuClock.Now(), Environment.CurrentManagedThreadId);

    /// <summary>A stage whose work is only what <see cref="AddWork"/> counts.</summary>
    public static StageTimer StartWaiting()
    {
        var timer = Start();
        timer._issued = true;
        return timer;
    }

    /// <summary>The synchronous part is done; what follows until the end is waiting.</summary>
    public void Issued()
    {
        if (_issued) return;
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
