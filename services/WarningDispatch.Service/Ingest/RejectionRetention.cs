namespace WarningDispatch.Service.Ingest;

/// <summary>How much of the rejections is kept: whichever limit is reached first trims the oldest.</summary>
public sealed class RejectionRetention
{
    public const string Section = "Ingest:Rejections";
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(30);
    public int MaxCount { get; set; } = 10_000;
    /// <summary>Bodies and summaries together; with a 64 KB body cap, at least 500 of the largest fit.</summary>
    public long MaxBytes { get; set; } = 32 * 1024 * 1024;
}
