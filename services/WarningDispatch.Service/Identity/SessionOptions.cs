namespace WarningDispatch.Service.Identity;

/// <summary>
/// How long a sign-in lasts. Browsers get a cookie for the whole session (one shift); API clients get a short
/// bearer token and a refresh token, and refresh (<c>POST /api/auth/refresh</c>) until the session ends. Logging out
/// revokes the session everywhere at once.
/// </summary>
public sealed class SessionOptions
{
    public const string Section = "Sessions";

    /// <summary>A bearer access token's life; a stolen one is useless after this even if nobody logs out.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A sign-in's life (cookie, refresh token, refreshing): one 12-hour shift, then sign in again.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How long a revoked session id is remembered: no cookie or token carrying it outlives this.</summary>
    public TimeSpan RevocationLifetime => Lifetime + AccessTokenLifetime;
}
