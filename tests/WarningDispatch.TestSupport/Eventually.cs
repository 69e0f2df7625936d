namespace WarningDispatch.TestSupport;

/// <summary>Waits on a condition the system reaches asynchronously; never a fixed sleep.</summary>
public static class Eventually
{
    /// <summary>Waits for a condition the service reaches asynchronously; fails with <paramref name="what"/> after the timeout.</summary>
    public static async Task<T> Until<T>(Func<T?> probe, string what, double seconds = 10) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (probe() is { } value) return value;
            await Task.Delay(10);
        }
        Assert.Fail($"Timed out after {seconds} s waiting for: {what}");
        return null!;
    }

    public static async Task<T> Until<T>(Func<Task<T?>> probe, string what, double seconds = 10) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } value) return value;
            await Task.Delay(10);
        }
        Assert.Fail($"Timed out after {seconds} s waiting for: {what}");
        return null!;
    }

    public static async Task Until(Func<bool> condition, string what, double seconds = 10) =>
        await Until(() => condition() ? "ok" : null, what, seconds);
}
