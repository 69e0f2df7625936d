using Microsoft.AspNetCore.Http.HttpResults;

namespace WarningDispatch.Service.Consoles;

/// <summary>
/// <c>GET /api/console/settings</c>: the consoles' configurable offers (the phone's navigation links).
/// </summary>
public static class ConsoleEndpoints
{
    public static void MapConsoles(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/console/settings", Settings).WithTags("Consoles").RequireAuthorization("Officer");

    /// <summary>Read at each request, so a changed setting reaches the next phone that signs in.</summary>
    static Ok<ConsoleSettings> Settings(IConfiguration configuration)
    {
        var options = configuration.GetSection(ConsoleOptions.Section).Get<ConsoleOptions>() ?? new ConsoleOptions();
        var links = options.NavigationLinks is null
            ? ConsoleOptions.AllNavigationLinks
            : options.NavigationLinks.Select(l => l.Trim().ToLowerInvariant())
                .Where(ConsoleOptions.AllNavigationLinks.Contains).Distinct().ToList();
        return TypedResults.Ok(new ConsoleSettings(links));
    }
}
