using System.Runtime.InteropServices;

namespace WarningDispatch.Service.Hosting;

/// <summary>
/// CPU time of the calling thread (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>, a system call: the vDSO serves only the
/// wall clocks): what separates a stage's work from its waiting. Zero elsewhere, so a stage then counts as all
/// waiting.
/// </summary>
static class ThreadCpuClock
{
    const int ThreadCpuTimeId = 3;
    static readonly bool Available = OperatingSystem.IsLinux();

    [StructLayout(LayoutKind.Sequential)]
    struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    // A call that neither blocks nor calls back: no GC transition needed (measured 1.3 % of the service's CPU with
    // one at 500/s, twelve calls per instruction).
    [DllImport("libc", EntryPoint = "clock_gettime"), SuppressGCTransition]
    static extern int ClockGetTime(int clockId, out TimeSpec time);

    /// <summary>Nanoseconds of CPU this thread has used.</summary>
    public static long Now() =>
        Available && ClockGetTime(ThreadCpuTimeId, out var t) == 0 ? t.Seconds * 1_000_000_000 + t.Nanoseconds : 0;
}
