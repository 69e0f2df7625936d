using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;

namespace WarningDispatch.Service.Tests;

public class SignInTests : ServiceTest
{
    static readonly string[] DemoAccounts = ["duty", "duty.fs", "fs01a", "fs01b", "jc01a", "yz01a"];
    const string AddressA = "198.51.100.10";
    const string AddressB = "198.51.100.20";

    [Test]
    public async Task The_demo_accounts_sign_in_with_their_hashed_passwords_and_a_wrong_password_gets_401()
    {
        foreach (var username in DemoAccounts)
            Assert.That((await SignInAsync(App, username, "demo")).StatusCode, Is.EqualTo(HttpStatusCode.OK), username);
        var wrong = await SignInAsync(App, "duty", "Demo");
        Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString(),
            Does.StartWith("登录失败").And.Contain("Sign-in failed"));

        // The region file (also the seed written to Redis) holds hashes only.
        var file = Path.Combine(AppContext.BaseDirectory, "Officers", "demo-region.json");
        var accounts = JsonNode.Parse(await File.ReadAllTextAsync(file))!["accounts"]!.AsArray();
        Assert.That(accounts.Select(a => a!.AsObject().ContainsKey("password")), Is.All.False);
        var hasher = new PasswordHasher<object>();
        Assert.That(accounts.Select(a => hasher.VerifyHashedPassword(new object(), (string)a!["passwordHash"]!,
                "demo")),
            Is.All.EqualTo(PasswordVerificationResult.Success));
    }

    [Test]
    public async Task Five_wrong_passwords_hold_the_account_for_the_window_while_other_accounts_and_addresses_go_on()
    {
        for (var i = 1; i <= 5; i++)
            Assert.That(await StatusAsync(AddressA, "duty", $"guess-{i}"), Is.EqualTo(401), $"wrong password {i}");

        var held = (await App.Server.SignInFromAsync(AddressA, "duty", "demo")).Response;
        Assert.That(held.StatusCode, Is.EqualTo(StatusCodes.Status429TooManyRequests), "even the right password waits");
        Assert.That(int.Parse(held.Headers.RetryAfter!), Is.InRange(1, 900));
        Assert.That(held.ContentType, Does.StartWith("application/problem+json"));
        Assert.That((await held.ReadJsonAsync()).GetProperty("title").GetString(),
            Does.StartWith("登录尝试过多").And.Contain("Too many sign-in attempts"));

        Assert.That(await StatusAsync(AddressB, "fs01a", "demo"), Is.EqualTo(200), "another account, another address");
        Assert.That(await StatusAsync(AddressA, "fs01b", "demo"), Is.EqualTo(200), "another account, same address");
        Assert.That(await StatusAsync(AddressB, "DUTY", "demo"), Is.EqualTo(429), "held from every address");

        App.Clock.Advance(TimeSpan.FromMinutes(14));
        Assert.That(await StatusAsync(AddressA, "duty", "demo"), Is.EqualTo(429), "inside the 15-minute window");
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.That(await StatusAsync(AddressA, "duty", "demo"), Is.EqualTo(200), "the window has passed");
    }

    [Test]
    public async Task A_successful_sign_in_forgives_that_accounts_own_failures()
    {
        for (var i = 0; i < 4; i++) await StatusAsync(AddressA, "fs01a", "guess");
        Assert.That(await StatusAsync(AddressA, "fs01a", "demo"), Is.EqualTo(200));
        for (var i = 0; i < 4; i++) await StatusAsync(AddressA, "fs01a", "guess");
        Assert.That(await StatusAsync(AddressA, "fs01a", "guess"), Is.EqualTo(401),
            "the fifth failure since, not the ninth");
    }

    [Test]
    public async Task Twenty_failures_from_one_address_hold_that_address_but_not_others()
    {
        // One failure per user name, so no account reaches its own limit: only the address can.
        for (var i = 1; i <= 20; i++) Assert.That(await StatusAsync(AddressA, $"nobody{i}", "guess"), Is.EqualTo(401));

        var held = (await App.Server.SignInFromAsync(AddressA, "fs01a", "demo")).Response;
        Assert.That(held.StatusCode, Is.EqualTo(StatusCodes.Status429TooManyRequests));
        Assert.That(held.Headers.RetryAfter.ToString(), Is.Not.Empty);
        Assert.That(await StatusAsync(AddressB, "fs01a", "demo"), Is.EqualTo(200));
    }

    [Test]
    public async Task Behind_a_proxy_the_forwarded_client_address_is_throttled_and_a_spoofed_one_is_not_believed()
    {
        const string proxy = "127.0.0.1"; // loopback: a trusted proxy by default
        for (var i = 1; i <= 20; i++) await StatusAsync(proxy, $"nobody{i}", "guess", forwardedFor: "203.0.113.5");

        Assert.That(await StatusAsync(proxy, "fs01a", "demo", forwardedFor: "203.0.113.5"), Is.EqualTo(429),
            "the client behind the proxy");
        Assert.That(await StatusAsync(proxy, "fs01a", "demo", forwardedFor: "203.0.113.6"), Is.EqualTo(200),
            "another client behind the same proxy");

        // Not a proxy: each attempt claims another client address, and all count against the real one.
        for (var i = 1; i <= 20; i++) await StatusAsync(AddressA, $"ghost{i}", "guess", forwardedFor: $"192.0.2.{i}");
        Assert.That(await StatusAsync(AddressA, "fs01a", "demo", forwardedFor: "192.0.2.99"), Is.EqualTo(429));
    }

    [Test]
    public async Task An_access_token_lasts_30_minutes_and_refreshing_carries_the_session_to_the_end_of_the_shift()
    {
        await using var app = new DispatchApp(b => b.UseSetting("Sessions:AccessTokenLifetime", "00:30:00"));
        await app.StartAsync();
        var signIn = await (await SignInAsync(app, "fs01a", "demo")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(signIn.GetProperty("expiresIn").GetInt32(), Is.EqualTo(1800));
        Assert.That(await MeAsync(app, signIn), Is.EqualTo(HttpStatusCode.OK));

        app.Clock.Advance(TimeSpan.FromMinutes(31));
        Assert.That(await MeAsync(app, signIn), Is.EqualTo(HttpStatusCode.Unauthorized), "the access token expired");
        var refreshed = await RefreshAsync(app, signIn);
        Assert.That(refreshed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var renewed = await refreshed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(await MeAsync(app, renewed), Is.EqualTo(HttpStatusCode.OK));

        // The renewed refresh token would live another 12 h, but the session ends 12 h after signing in.
        app.Clock.Advance(TimeSpan.FromHours(11));
        var late = await RefreshAsync(app, renewed);
        Assert.That(late.StatusCode, Is.EqualTo(HttpStatusCode.OK), "11 h 31 min after signing in");
        app.Clock.Advance(TimeSpan.FromMinutes(30));
        Assert.That((await RefreshAsync(app, await late.Content.ReadFromJsonAsync<JsonElement>())).StatusCode,
            Is.EqualTo(HttpStatusCode.Unauthorized), "12 h 1 min after signing in");
        var forged = await app.CreateClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = "forged" });
        Assert.That(forged.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    async Task<int> StatusAsync(string address, string username, string password, string? forwardedFor = null)
    {
        var headers = forwardedFor is null ? null
            : new Dictionary<string, string> { ["X-Forwarded-For"] = forwardedFor };
        return (await App.Server.SignInFromAsync(address, username, password, headers: headers)).Response.StatusCode;
    }

    internal static Task<HttpResponseMessage> SignInAsync(DispatchApp app, string username, string password) =>
        app.CreateClient().PostAsJsonAsync("/api/auth/login", new { username, password });

    internal static async Task<HttpStatusCode> MeAsync(DispatchApp app, JsonElement signIn)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Bearer", signIn.GetProperty("accessToken").GetString());
        return (await client.GetAsync("/api/auth/me")).StatusCode;
    }

    internal static Task<HttpResponseMessage> RefreshAsync(DispatchApp app, JsonElement signIn) =>
        app.CreateClient().PostAsJsonAsync("/api/auth/refresh",
            new { refreshToken = signIn.GetProperty("refreshToken").GetString() });
}
