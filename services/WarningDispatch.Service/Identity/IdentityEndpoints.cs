using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using WarningDispatch.Service.Officers;
using WarningDispatch.Service.Security;

namespace WarningDispatch.Service.Identity;

public static class IdentityEndpoints
{
    public const string SmartScheme = "CookieOrBearer";
    const string Bearer = BearerTokenDefaults.AuthenticationScheme;
    const string Cookie = CookieAuthenticationDefaults.AuthenticationScheme;
    const int MaxUsernameLength = 128;

    public static void MapIdentity(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Sign-in");

        // ?useCookies=true signs the browser in with a cookie; otherwise the answer carries a bearer token.
        auth.MapPost("/login", SignInAsync).AllowAnonymous();

        auth.MapPost("/refresh", RefreshAsync).AllowAnonymous();

        auth.MapPost("/logout", async (HttpContext http, ISessionRevocations revocations) =>
        {
            // Revoking the session ends every cookie and token of this sign-in, copies included, on every instance.
            if (http.User.FindFirstValue(DispatchClaims.SessionId) is { } sessionId)
                await revocations.RevokeAsync(sessionId, http.RequestAborted);
            await http.SignOutAsync(Cookie);
            return Results.NoContent();
        });

        auth.MapGet("/me", (ClaimsPrincipal user) => Results.Ok(new
        {
            username = user.FindFirstValue(ClaimTypes.NameIdentifier),
            displayName = user.FindFirstValue(ClaimTypes.Name),
            role = user.FindFirstValue(ClaimTypes.Role),
            officerId = user.FindFirstValue(DispatchClaims.OfficerId),
            areaId = user.FindFirstValue(DispatchClaims.AreaId),
            seesPersonalData = user.FindFirstValue(DispatchClaims.PersonalData) == "true",
        })).RequireAuthorization();
    }

    static async Task<IResult> SignInAsync(
        SignInRequest request, bool? useCookies, HttpContext http, AccountDirectory accounts, ISignInThrottle throttle,
        TimeProvider clock, IOptions<SessionOptions> sessions, IOfficerRoster roster)
    {
        if (Validate(request) is { Count: > 0 } errors)
            return Results.ValidationProblem(errors, title: "登录请求无效 (The sign-in request is invalid)");
        var ct = http.RequestAborted;
        var username = request.Username!.ToLowerInvariant();
        var address = ClientAddress(http);
        var attemptId = Guid.NewGuid().ToString("N");
        if (await throttle.TryBeginAsync(username, address, attemptId, ct) is { } wait)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests,
                title: "登录尝试过多 (Too many sign-in attempts)",
                detail: $"请 {seconds} 秒后再试 (Try again in {seconds} s)");
        }
        if (accounts.Verify(request.Username!, request.Password!) is not { } account)
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized,
                title: "登录失败：用户名或密码错误 (Sign-in failed: unknown user name or wrong password)");
        await throttle.SucceededAsync(username, address, attemptId, ct);

        var scheme = useCookies == true ? Cookie : Bearer;
        var sessionId = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));
        var ends = clock.GetUtcNow() + sessions.Value.Lifetime;
        return Results.SignIn(AccountDirectory.Principal(account, sessionId, ends, scheme, PostOf(account, roster)),
            authenticationScheme: scheme);
    }

    /// <summary>A new access token (and refresh token) for the same session, until it is logged out or ends.</summary>
    static async Task<IResult> RefreshAsync(
        RefreshRequest request, IOptionsMonitor<BearerTokenOptions> bearer, AccountDirectory accounts,
        ISessionRevocations revocations, TimeProvider clock, IOfficerRoster roster, CancellationToken ct)
    {
        var ticket = string.IsNullOrEmpty(request.RefreshToken)
            ? null
            : bearer.Get(Bearer).RefreshTokenProtector.Unprotect(request.RefreshToken);
        var now = clock.GetUtcNow();
        var user = ticket?.Principal;
        if (ticket?.Properties.ExpiresUtc is { } expires && expires > now
            && user?.FindFirstValue(DispatchClaims.SessionId) is { } sessionId
            && long.TryParse(user.FindFirstValue(DispatchClaims.SessionEnds), out var endsAt)
            && DateTimeOffset.FromUnixTimeSeconds(endsAt) is var ends && ends > now
            && !await revocations.IsRevokedAsync(sessionId, ct)
            // From the account as it is now: a changed role applies, a removed account ends the session.
            && accounts.Find(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "") is { } account)
            return Results.SignIn(AccountDirectory.Principal(account, sessionId, ends, Bearer, PostOf(account, roster)),
                authenticationScheme: Bearer);
        return Results.Problem(statusCode: StatusCodes.Status401Unauthorized,
            title: "会话已结束，请重新登录 (The session has ended; sign in again)");
    }

    static string? PostOf(AccountRecord account, IOfficerRoster roster) =>
        account.OfficerId is { } officer ? roster.Find(officer)?.PostId : null;

        static Dictionary<string, string[]> Validate(SignInRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrEmpty(request.Username)) errors["username"] = ["必填 (is required)"];
        else if (request.Username.Length > MaxUsernameLength)
            errors["username"] =
                [$"不得超过 {MaxUsernameLength} 个字符 (must be at most {MaxUsernameLength} characters)"];
        if (string.IsNullOrEmpty(request.Password)) errors["password"] = ["必填 (is required)"];
        return errors;
    }

    /// <summary>The client as the forwarded-headers middleware found it: behind a proxy, the proxy's client.</summary>
    static string ClientAddress(HttpContext http) => http.Connection.RemoteIpAddress is { } ip
        ? (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString()
        : "unknown";
}
