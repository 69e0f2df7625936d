using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using WarningDispatch.Service.Officers;
using WarningDispatch.Service.Security;

namespace WarningDispatch.Service.Identity;

/// <summary>
/// Sign-in: accounts from the region, cookie or bearer sessions that a logout ends everywhere, and the throttle.
/// Where revocations and throttle counts live (memory or Redis) is the storage module's choice.
/// </summary>
public static class IdentityExtensions
{
    const string Bearer = BearerTokenDefaults.AuthenticationScheme;
    const string Cookie = CookieAuthenticationDefaults.AuthenticationScheme;

    public static WebApplicationBuilder AddSignIn(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<AccountDirectory>();
        services.AddSingleton<IValidateOptions<RegionOptions>, RegionFileCheck>();
        services.AddOptions<SessionOptions>().BindConfiguration(SessionOptions.Section)
            .Validate(o => o.AccessTokenLifetime > TimeSpan.Zero && o.AccessTokenLifetime <= o.Lifetime,
                "Sessions:AccessTokenLifetime 必须为正且不长于 Sessions:Lifetime " +
                "(Sessions:AccessTokenLifetime must be positive and no longer than Sessions:Lifetime)")
            .ValidateOnStart();
        services.AddOptions<SignInThrottleOptions>().BindConfiguration(SignInThrottleOptions.Section)
            .Validate(o => o.MaxFailuresPerAccount > 0 && o.MaxFailuresPerAddress > 0 && o.Window > TimeSpan.Zero,
                "SignIn:Throttle 的上限和时间窗必须为正 (SignIn:Throttle limits and window must be positive)")
            .ValidateOnStart();
        services.AddAuthentication(IdentityEndpoints.SmartScheme)
            .AddScheme<AuthenticationSchemeOptions, SessionAuthenticationHandler>(IdentityEndpoints.SmartScheme,
                "Cookie or bearer token of a session not logged out", null)
            .AddCookie(o =>
            {
                o.Cookie.Name = "wd.auth";
                o.Cookie.SameSite = SameSiteMode.Strict;
                // One shift from sign-in, not sliding: a console left open does not stay signed in for ever.
                o.SlidingExpiration = false;
                // An API answers 401/403; it never redirects to a login page.
                o.Events.OnRedirectToLogin = ctx =>
                {
                    ctx.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return Task.CompletedTask;
                };
                o.Events.OnRedirectToAccessDenied = ctx =>
                {
                    ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            })
            // Hub clients send the token as ?access_token=; HubTokenContextFactory has already moved it into the
            // Authorization header, before anything could log the query string.
            .AddBearerToken();
        services.AddOptions<CookieAuthenticationOptions>(Cookie)
            .Configure<IOptions<SessionOptions>, IHostEnvironment>((o, sessions, environment) =>
            {
                o.ExpireTimeSpan = sessions.Value.Lifetime;
                // Production is served over TLS (directly or behind a proxy whose X-Forwarded-Proto is honoured);
                // Development and the tests run on plain http.
                o.Cookie.SecurePolicy = environment.IsDemoOrTest()
                    ? CookieSecurePolicy.SameAsRequest
                    : CookieSecurePolicy.Always;
            });
        services.AddOptions<BearerTokenOptions>(Bearer).Configure<IOptions<SessionOptions>>((o, sessions) =>
        {
            o.BearerTokenExpiration = sessions.Value.AccessTokenLifetime;
            o.RefreshTokenExpiration = sessions.Value.Lifetime;
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(Roles.DutyOfficer, p => p.RequireRole(Roles.DutyOfficer))
            .AddPolicy("Officer", p => p.RequireRole(Roles.DutyOfficer, Roles.FieldOfficer));
        return builder;
    }
}
