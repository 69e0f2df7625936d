namespace WarningDispatch.Service.Simulator;

public sealed class SimulatorOptions
{
    public const string Section = "Simulator";
    public bool Enabled { get; set; }
    /// <summary>Seconds between two simulated warnings.</summary>
    public double IntervalSeconds { get; set; } = 8;
    /// <summary>
    /// Share of simulated officers who react to each step; the rest let deadlines pass so escalation shows.
    /// </summary>
    public double OfficerDiligence { get; set; } = 0.6;
    /// <summary>Share of warnings sent with a broken field, to show rejections.</summary>
    public double InvalidShare { get; set; } = 0.05;
}
