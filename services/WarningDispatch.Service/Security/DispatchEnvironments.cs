namespace WarningDispatch.Service.Security;

/// <summary>
/// Which host environments may run with demo conveniences (demo accounts, cookies over plain http). Every other
/// environment, Production or any name an operator invents, gets the production rules.
/// </summary>
public static class DispatchEnvironments
{
    /// <summary>The automated tests' environment: demo region and plain http like Development, without the
    /// simulator.</summary>
    public const string Testing = "Testing";

    public static bool IsDemoOrTest(this IHostEnvironment environment) =>
        environment.IsDevelopment() || environment.IsEnvironment(Testing);
}
