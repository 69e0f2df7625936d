using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using WarningDispatch.TestSupport;

namespace WarningDispatch.Service.Tests;

public class LogoutTests : ServiceTest
{
    static readonly WebApplicationFactoryClientOptions NoCookieJar = new() { HandleCookies = false };

    [Test]
    public async Task After_logout_the_same_bearer_token_is_refused_by_the_api_and_the_hub_and_cannot_be_refreshed()
    {
        var signIn = await (await SignInTests.SignInAsync(App, "fs01a", "demo"))
            .Content.ReadFromJsonAsync<JsonElement>();
        var token = signIn.GetProperty("accessToken").GetString()!;
        var otherSession = await App.ClientAsync("fs01a");
        var http = App.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.That((await http.GetAsync("/api/auth/me")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await (await App.HubWithTokenAsync(token)).DisposeAsync();

        Assert.That((await http.PostAsync("/api/auth/logout", null)).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        Assert.That((await http.GetAsync("/api/auth/me")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await http.GetAsync("/api/tasks")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        var refused = Assert.CatchAsync(() => App.HubWithTokenAsync(token));
        Assert.That(refused!.Message, Does.Contain("401"));
        Assert.That((await SignInTests.RefreshAsync(App, signIn)).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await otherSession.GetAsync("/api/auth/me")).StatusCode, Is.EqualTo(HttpStatusCode.OK),
            "only the session that logged out ends, not the officer's other sign-ins");
    }

    [Test]
    public async Task After_logout_a_copy_of_the_cookie_is_refused_by_the_api_and_the_hub()
    {
        var browser = App.CreateClient(NoCookieJar);
        var signIn = await browser.PostAsJsonAsync("/api/auth/login?useCookies=true",
            new { username = "duty", password = "demo" });
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("wd.auth=")).Split(';')[0];
        Assert.That(await MeWithCookieAsync(cookie), Is.EqualTo(HttpStatusCode.OK));
        await (await HubWithCookieAsync(cookie)).DisposeAsync();

        using var logout = new HttpRequestMessage(HttpMethod.Post, "/api/auth/logout");
        logout.Headers.Add("Cookie", cookie);
        var loggedOut = await browser.SendAsync(logout);
        Assert.That(loggedOut.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(loggedOut.Headers.GetValues("Set-Cookie").Single(), Does.StartWith("wd.auth=;"),
            "the browser drops it");

        Assert.That(await MeWithCookieAsync(cookie), Is.EqualTo(HttpStatusCode.Unauthorized), "a kept copy is useless");
        var refused = Assert.CatchAsync(() => HubWithCookieAsync(cookie));
        Assert.That(refused!.Message, Does.Contain("401"));
    }

    Task<HubClient> HubWithCookieAsync(string cookie) =>
        App.HubWithTokenAsync(null, new Dictionary<string, string> { ["Cookie"] = cookie });

    async Task<HttpStatusCode> MeWithCookieAsync(string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        request.Headers.Add("Cookie", cookie);
        return (await App.CreateClient(NoCookieJar).SendAsync(request)).StatusCode;
    }
}
