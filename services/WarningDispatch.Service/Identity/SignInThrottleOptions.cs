namespace WarningDispatch.Service.Identity;

/// <summary>
/// Limits on sign-in attempts that did not succeed, in a sliding window. Behind one NAT (a whole police station)
/// raise <see cref="MaxFailuresPerAddress"/> rather than lock the station out after a few typos.
/// </summary>
public sealed class SignInThrottleOptions
{
    public const string Section = "SignIn:Throttle";

    public int MaxFailuresPerAccount { get; set; } = 5;
    public int MaxFailuresPerAddress { get; set; } = 20;
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);
}
