using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using MassTransit;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WarningDispatch.Service.Identity;
using WarningDispatch.TestSupport;

namespace WarningDispatch.Service.Tests;

public class SecureDefaultsTests
{
    static readonly string PersonKey = Convert.ToBase64String(new byte[32]
        .Select((_, i) => (byte)(i * 7 + 1)).ToArray());

    [TestCase(null)]
    [TestCase("dG9vIHNob3J0")] // "too short": 9 bytes
    public void Production_refuses_to_start_without_a_person_key_of_32_bytes(string? key)
    {
        using var region = new TestRegion(TestRegion.Account("ops"));
        using var app = new DispatchApp(b => b.UseEnvironment("Production")
            .UseSetting("Region:DataFile", region.Path).UseSetting("Correlation:PersonKey", key));
        var failure = Assert.Catch(() => _ = app.Server)!.ToString();
        Assert.That(failure, Does.Contain("Correlation:PersonKey 必须是至少 32 字节的 base64")
            .And.Contain("Correlation:PersonKey must be the base64 of at least 32 bytes"));
    }

    [Test]
    public void Production_refuses_to_start_with_the_demo_accounts()
    {
        using var app = new DispatchApp(b => b.UseEnvironment("Production"));
        var failure = Assert.Catch(() => _ = app.Server)!.ToString();
        Assert.That(failure, Does.Contain("演示账户 duty 不得在 Production 环境中使用"));
        Assert.That(failure, Does.Contain("demo account duty is refused in Production"));
    }

    [TestCase("Production")]
    [TestCase("Testing")]
    public void A_plain_text_password_is_refused_in_every_environment(string environment)
    {
        using var region = new TestRegion(
            TestRegion.Account("ops", hashed: false, plainPassword: "s3cret-password"), TestRegion.Account("ops2"));
        using var app = new DispatchApp(b => b.UseEnvironment(environment).UseSetting("Region:DataFile", region.Path));
        var failure = Assert.Catch(() => _ = app.Server)!.ToString();
        Assert.That(failure, Does.Contain("账户 ops 含明文密码字段")
            .And.Contain("account ops has a plain-text \"password\""));
        Assert.That(failure, Does.Not.Contain("ops2"), "the hashed account is fine");
        Assert.That(failure, Does.Not.Contain("s3cret-password"), "the refusal never repeats the password");
    }

    [Test]
    public async Task Production_starts_with_hashed_personal_accounts_and_its_cookie_is_always_Secure()
    {
        using var region = new TestRegion(TestRegion.Account("ops"));
        await using var app = new DispatchApp(b => b.UseEnvironment("Production")
            .UseSetting("Region:DataFile", region.Path).UseSetting("Correlation:PersonKey", PersonKey));
        await app.StartAsync();

        var signIn = (await app.Server.SignInFromAsync("198.51.100.1", "ops", TestRegion.PersonalPassword,
            cookies: true))
            .Response;
        Assert.That(signIn.StatusCode, Is.EqualTo(StatusCodes.Status200OK));
        Assert.That(signIn.Headers.SetCookie.ToString(), Does.StartWith("wd.auth=").And.Contain("secure"),
            "plain http, no proxy: production still marks the cookie Secure");
    }

    [Test]
    public void Production_refuses_an_ingest_key_published_in_this_repository()
    {
        using var region = new TestRegion(TestRegion.Account("ops"));
        using var app = new DispatchApp(b => b.UseEnvironment("Production")
            .UseSetting("Region:DataFile", region.Path).UseSetting("Correlation:PersonKey", PersonKey)
            .UseSetting("Ingest:ApiKeys:1", "demo-ingest-key-0001"));
        Assert.That(Assert.Catch(() => _ = app.Server)!.ToString(),
            Does.Contain("Ingest:ApiKeys holds a key published"));
    }

    [Test]
    public async Task The_demo_ingest_key_works_in_Development_only()
    {
        const string demoKey = "demo-ingest-key-0001";
        await using var testing = new DispatchApp();
        await testing.StartAsync();
        var instruction = testing.Instruction("GX-KEY-1").ToJsonString();
        Assert.That((await testing.PostWarningAsync(instruction, demoKey)).StatusCode,
            Is.EqualTo(HttpStatusCode.Unauthorized));

        // Not DispatchApp, whose own test key would replace the first key of appsettings.Development.json.
        await using var development = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
            b.UseEnvironment("Development").UseSetting("Simulator:Enabled", "false"));
        // That host runs on the real clock: the instruction is issued now, or it would be refused as stale.
        var issuedNow = WarningDispatch.TestSupport.BadInputCorpus.Valid("GX-KEY-2", DateTimeOffset.UtcNow)
            .ToJsonString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/warnings")
        {
            Content = new StringContent(issuedNow, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Api-Key", demoKey);
        Assert.That((await development.CreateClient().SendAsync(request)).StatusCode,
            Is.EqualTo(HttpStatusCode.Accepted));
    }

    [Test]
    public async Task The_key_ring_is_stored_encrypted_and_only_its_key_reads_it()
    {
        var ring = new MemoryKeyRing();
        var keyA = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        var keyB = Convert.ToBase64String(Enumerable.Range(2, 32).Select(i => (byte)i).ToArray());
        DispatchApp Host(string key) => new(b => b.UseSetting("DataProtection:KeyEncryptionKey", key)
            .ConfigureTestServices(s => s.Configure<KeyManagementOptions>(o => o.XmlRepository = ring)));

        await using var first = Host(keyA);
        var secret = first.Services.GetDataProtector("test").Protect("officer session");
        var stored = string.Join("\n", ring.GetAllElements());
        Assert.That(stored, Does.Contain("encryptedSecret").And.Contain("AES-256-GCM"));
        Assert.That(stored, Does.Not.Contain("<masterKey"), "the key material is not readable at rest");

        await using var sameKey = Host(keyA);
        Assert.That(sameKey.Services.GetDataProtector("test").Unprotect(secret), Is.EqualTo("officer session"));
        await using var otherKey = Host(keyB);
        Assert.That(() => otherKey.Services.GetDataProtector("test").Unprotect(secret), Throws.Exception);
    }

    [Test]
    public async Task MassTransit_usage_telemetry_is_off()
    {
        await using var app = new DispatchApp();
        Assert.That(app.Services.GetRequiredService<IOptions<UsageTelemetryOptions>>().Value.Enabled, Is.False);
    }

    [Test]
    public async Task Every_answer_carries_the_security_headers()
    {
        await using var app = new DispatchApp();
        await app.StartAsync();
        var client = app.CreateClient();
        foreach (var (path, status) in new[]
                 {
                     ("/", HttpStatusCode.OK), ("/js/api.js", HttpStatusCode.OK), ("/api/posts", HttpStatusCode.OK),
                     ("/api/tasks", HttpStatusCode.Unauthorized), ("/no-such-page", HttpStatusCode.NotFound),
                 })
        {
            var response = await client.GetAsync(path);
            Assert.That(response.StatusCode, Is.EqualTo(status), path);
            var csp = response.Headers.GetValues("Content-Security-Policy").Single();
            Assert.That(csp, Does.Contain("script-src 'self'").And.Contain("style-src 'self'")
                .And.Contain("connect-src 'self'").And.Contain("frame-ancestors 'none'"), path);
            Assert.That(response.Headers.GetValues("X-Frame-Options").Single(), Is.EqualTo("DENY"), path);
            Assert.That(response.Headers.GetValues("X-Content-Type-Options").Single(), Is.EqualTo("nosniff"), path);
            Assert.That(response.Headers.GetValues("Referrer-Policy").Single(), Is.EqualTo("no-referrer"), path);
        }
    }

    [Test]
    public void The_consoles_pages_hold_no_inline_script_or_style_for_the_policy_to_block()
    {
        var wwwroot = Path.Combine(Repository.Root, "services", "WarningDispatch.Service", "wwwroot");
        var pages = Directory.GetFiles(wwwroot, "*.html");
        Assert.That(pages, Is.Not.Empty);
        foreach (var page in pages)
        {
            var html = File.ReadAllText(page);
            Assert.That(Regex.IsMatch(html, @"<script(?![^>]*\bsrc=)[^>]*>"), Is.False, $"{page}: inline script");
            Assert.That(Regex.IsMatch(html, @"<style|\sstyle=|\son[a-z]+=", RegexOptions.IgnoreCase), Is.False,
                $"{page}: inline style or event handler");
        }
    }

    [Test]
    public async Task The_auth_cookie_is_Secure_behind_a_TLS_proxy_and_only_known_proxies_are_believed()
    {
        var https = new Dictionary<string, string> { ["X-Forwarded-Proto"] = "https" };
        await using var app = new DispatchApp(b => b.UseSetting("ForwardedHeaders:KnownProxies:0", "10.0.0.9"));
        await app.StartAsync();

        async Task<string> CookieFrom(string address, Dictionary<string, string>? headers = null)
        {
            var signIn = await app.Server.SignInFromAsync(address, "fs01a", "demo", cookies: true, headers);
            return signIn.Response.Headers.SetCookie.ToString();
        }

        Assert.That(await CookieFrom("127.0.0.1", https), Does.Contain("secure"), "proxy on the same host");
        Assert.That(await CookieFrom("10.0.0.9", https), Does.Contain("secure"), "configured proxy");
        Assert.That(await CookieFrom("10.0.0.9"), Does.Not.Contain("secure"), "plain http in Testing");
        Assert.That(await CookieFrom("10.0.0.8", https), Does.Not.Contain("secure"), "not a proxy: header ignored");
    }

    [Test]
    public async Task The_hubs_access_token_never_reaches_the_logs()
    {
        var logs = new CapturingLoggerProvider();
        await using var app = new DispatchApp(b => b
            .UseSetting("Logging:LogLevel:Default", "Information")
            .UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Information")
            .ConfigureLogging(l => l.AddProvider(logs)));
        await app.StartAsync();
        var token = await app.TokenAsync("fs01a");

        // Through the query string, as the browser consoles send it over WebSockets.
        await (await app.HubWithTokenAsync(token)).DisposeAsync();

        Assert.That(logs.Messages.Any(m => m.Contains("Request starting") && m.Contains("/hubs/tasks")), Is.True,
            "the hub request was logged");
        Assert.That(logs.Messages.Where(m => m.Contains(token) || m.Contains(Uri.EscapeDataString(token))), Is.Empty);
        Assert.That(logs.Messages.Where(m => m.Contains("access_token")), Is.Empty);
    }

    [Test]
    public void Hash_password_reads_stdin_and_prints_a_hash_that_verifies()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = PasswordCommand.Run(["hash-password"], new StringReader("correct horse battery\n"), output, error);
        Assert.That(exit, Is.Zero, error.ToString());
        var hash = output.ToString().Trim();
        var hasher = new PasswordHasher<object>();
        Assert.That(hasher.VerifyHashedPassword(new object(), hash, "correct horse battery"),
            Is.EqualTo(PasswordVerificationResult.Success));
        Assert.That(hasher.VerifyHashedPassword(new object(), hash, "correct horse batterY"),
            Is.EqualTo(PasswordVerificationResult.Failed));
    }

    [Test]
    public void Hash_password_refuses_a_password_in_its_arguments_and_a_short_one()
    {
        var output = new StringWriter();
        Assert.That(
            PasswordCommand.Run(["hash-password", "s3cret-password"], new StringReader(""), output, new StringWriter()),
            Is.Not.Zero);
        Assert.That(PasswordCommand.Run(["hash-password"], new StringReader("short\n"), output, new StringWriter()),
            Is.Not.Zero);
        Assert.That(output.ToString(), Is.Empty, "no hash printed");
    }

    sealed class MemoryKeyRing : IXmlRepository
    {
        readonly ConcurrentQueue<XElement> _elements = new();
        public IReadOnlyCollection<XElement> GetAllElements() => _elements.ToList();
        public void StoreElement(XElement element, string friendlyName) => _elements.Enqueue(new XElement(element));
    }

    sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Messages { get; } = new();
        public ILogger CreateLogger(string categoryName) => new Logger(this);
        public void Dispose() { }

        sealed class Logger(CapturingLoggerProvider provider) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => true;
            // The message, the exception and every structured value: a token in any of them is caught.
            public void Log<TState>(
                LogLevel level, EventId id, TState state, Exception? e, Func<TState, Exception?, string> format) =>
                provider.Messages.Enqueue(string.Join(" ", [
                    format(state, e), e?.ToString(),
                    .. (state as IEnumerable<KeyValuePair<string, object?>> ?? []).Select(kv => $"{kv.Key}={kv.Value}"),
                ]));
        }
    }
}
