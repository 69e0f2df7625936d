namespace WarningDispatch.Service.Storage.Redis;

/// <summary>The Polly pipeline around every Redis call (section <c>Redis</c>).</summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(2);
    public int Retries { get; set; } = 3;
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(5);
}
