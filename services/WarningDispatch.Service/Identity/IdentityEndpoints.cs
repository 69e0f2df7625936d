using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace WarningDispatch.Service.Identity;

public sealed record SignInRequest(string? Username, string? Password);

public static class IdentityEndpoints
{
    public const string SmartScheme = "CookieOrBearer";

    public static IServiceCollection AddDispatchIdentity(this IServiceCollection services)
    {
        services.AddSingleton<AccountDirectory>();
        services.AddAuthentication(SmartScheme)
            .AddPolicyScheme(SmartScheme, "Cookie or bearer token", o =>
                o.ForwardDefaultSelector = ctx =>
                    ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ||
                    ctx.Request.Query.ContainsKey("access_token")
                        ? BearerTokenDefaults.AuthenticationScheme
                        : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.Cookie.Name = "wd.auth";
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.ExpireTimeSpan = TimeSpan.FromHours(14);
                o.SlidingExpiration = true;
                // An API answers 401/403; it never redirects to a login page.
                o.Events.OnRedirectToLogin = ctx => { ctx.Response.StatusCode = StatusCodes.Status401Unauthorized; return Task.CompletedTask; };
                o.Events.OnRedirectToAccessDenied = ctx => { ctx.Response.StatusCode = StatusCodes.Status403Forbidden; return Task.CompletedTask; };
            })
            .AddBearerToken(o =>
            {
                o.BearerTokenExpiration = TimeSpan.FromHours(14);
                // Browsers cannot set headers on a WebSocket, so SignalR sends the token in the query string.
                o.Events.OnMessageReceived = ctx =>
                {
                    if (ctx.Request.Path.StartsWithSegments("/hubs") && ctx.Request.Query["access_token"] is { Count: > 0 } token)
                        ctx.Token = token;
                    return Task.CompletedTask;
                };
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(Roles.DutyOfficer, p => p.RequireRole(Roles.DutyOfficer))
            .AddPolicy("Officer", p => p.RequireRole(Roles.DutyOfficer, Roles.FieldOfficer));
        return services;
    }

    public static void MapIdentity(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Sign-in");

        // ?useCookies=true signs the browser in with a cookie; otherwise the answer carries a bearer token.
        auth.MapPost("/login", (SignInRequest request, bool? useCookies, AccountDirectory accounts) =>
        {
            if (string.IsNullOrEmpty(request.Username) || string.IsNullOrEmpty(request.Password))
                return Results.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["username"] = string.IsNullOrEmpty(request.Username) ? ["is required"] : [],
                    ["password"] = string.IsNullOrEmpty(request.Password) ? ["is required"] : [],
                }.Where(kv => kv.Value.Length > 0).ToDictionary());
            var scheme = useCookies == true ? CookieAuthenticationDefaults.AuthenticationScheme : BearerTokenDefaults.AuthenticationScheme;
            var principal = accounts.SignIn(request.Username, request.Password, scheme);
            return principal is null
                ? Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed.", detail: "unknown user name or wrong password")
                : Results.SignIn(principal, authenticationScheme: scheme);
        }).AllowAnonymous();

        auth.MapPost("/logout", async (HttpContext ctx) =>
        {
            await ctx.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
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
}
