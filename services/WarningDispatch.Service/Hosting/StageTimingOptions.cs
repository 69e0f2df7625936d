namespace WarningDispatch.Service.Hosting;

/// <summary>How often the hot path's stages are timed (<c>dispatch.stage.duration</c>).</summary>
public sealed class StageTimingOptions
{
    public const string Section = "Telemetry:Stages";

    /// <summary>
    /// One pass in this many of each stage is timed. Reading a thread's CPU clock is a system call (no vDSO serves
    /// <c>CLOCK_THREAD_CPUTIME_ID</c>); on every pass a dozen of them per instruction took 4.8 % of the service's
    /// CPU at 1,000/s. One pass in eight still gives each stage hundreds of samples a minute at 100/s.
    /// </summary>
    public int SampleEvery { get; set; } = 8;
}
