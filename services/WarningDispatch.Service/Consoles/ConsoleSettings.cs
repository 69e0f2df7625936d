namespace WarningDispatch.Service.Consoles;

/// <summary>The answer of <c>GET /api/console/settings</c>.</summary>
public sealed record ConsoleSettings(IReadOnlyList<string> NavigationLinks);
