using System.Diagnostics;

namespace WarningDispatch.TestSupport;

/// <summary>
/// Waits for a state the system reaches asynchronously by polling a probe every 10 ms, never a fixed sleep; fails
/// with what was awaited after the timeout (real time, whatever clock the service runs on).
/// </summary>
public static class Eventually
{
    public static Task<T> Until<T>(Func<T?> probe, string what, double seconds = 10) where T : class =>
        Until(() => Task.FromResult(probe()), what, seconds);

    public static async Task<T> Until<T>(Func<Task<T?>> probe, string what, double seconds = 10) where T : class
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed.TotalSeconds < seconds)
        {
            if (await probe() is { } value) return value;
            await Task.Delay(10);
        }
        Assert.Fail($"Timed out after {seconds} s waiting for: {what}");
        return null!;
    }

    public static Task Until(Func<bool> condition, string what, double seconds = 10) =>
        Until(() => condition() ? "ok" : null, what, seconds);

    /// <summary>For a probe that answers a number or other value type once there is one.</summary>
    public static async Task<T> UntilValue<T>(Func<T?> probe, string what, double seconds = 10) where T : struct =>
        (await Until(() => probe() is { } value ? new Box<T>(value) : null, what, seconds)).Value;

    sealed record Box<T>(T Value);
}
