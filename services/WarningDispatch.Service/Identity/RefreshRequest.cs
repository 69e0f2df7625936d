namespace WarningDispatch.Service.Identity;

/// <summary>The <c>refreshToken</c> of a bearer sign-in's answer.</summary>
public sealed record RefreshRequest(string? RefreshToken);
