using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace WarningDispatch.Service.Identity;

/// <summary>
/// The default scheme: a bearer token when the request carries one, otherwise the sign-in cookie, and in both cases
/// only while the sign-in session has not been logged out. Every API call and hub connection passes here.
/// </summary>
public sealed class SessionAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ISessionRevocations revocations)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var result = await Context.AuthenticateAsync(Target());
        if (!result.Succeeded) return result;
        // Tokens and cookies issued before sessions existed carry no id: they cannot be revoked, so they are refused.
        if (result.Principal.FindFirstValue(DispatchClaims.SessionId) is not { } sessionId)
            return AuthenticateResult.Fail("The sign-in carries no session id.");
        return await revocations.IsRevokedAsync(sessionId, Context.RequestAborted)
            ? AuthenticateResult.Fail("The session was logged out.")
            : result;
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Context.ChallengeAsync(Target(), properties);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Context.ForbidAsync(Target(), properties);

    string Target() =>
        Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? BearerTokenDefaults.AuthenticationScheme
            : CookieAuthenticationDefaults.AuthenticationScheme;
}
