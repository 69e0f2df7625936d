using Microsoft.Playwright;
using NUnit.Framework.Interfaces;

namespace WarningDispatch.Browser.Tests;

/// <summary>
/// A fresh service per test (routing depends on who holds how many tasks, so nothing may leak between tests) and fresh
/// browser contexts (own cookies and localStorage) for each signed-in user. JavaScript errors on any page fail the
/// test.
/// </summary>
public abstract class BrowserTest
{
    protected static readonly ViewportSize Desktop = new() { Width = 1600, Height = 1000 };
    protected static readonly ViewportSize Phone = new() { Width = 375, Height = 812 };

    protected ConsoleHost App { get; private set; } = null!;
    readonly List<IBrowserContext> _contexts = [];
    readonly List<(string Who, IPage Page)> _pages = [];
    readonly List<string> _scriptErrors = [];

    [SetUp]
    public async Task StartService()
    {
        _contexts.Clear(); _pages.Clear(); _scriptErrors.Clear(); // NUnit keeps one fixture instance for all its tests
        App = NewHost();
        await App.StartAsync();
    }

    /// <summary>The service of each test; a test class may give it settings of its own.</summary>
    protected virtual ConsoleHost NewHost() => new();

    [TearDown]
    public async Task StopService()
    {
        try
        {
            if (TestContext.CurrentContext.Result.Outcome.Status == TestStatus.Failed)
                foreach (var (who, page) in _pages)
                    await ScreenshotAsync(page, $"failures/{TestContext.CurrentContext.Test.Name}-{who}");
        }
        catch (PlaywrightException) { /* a closed page has nothing to show */ }
        foreach (var context in _contexts) await context.CloseAsync();
        await App.DisposeAsync();
        if (_scriptErrors.Count > 0 && TestContext.CurrentContext.Result.Outcome.Status != TestStatus.Failed)
            Assert.Fail("JavaScript errors on the pages:\n" + string.Join("\n", _scriptErrors));
    }

    /// <summary>A new browser profile (cookies, localStorage) with a page, as a user on their own device.</summary>
    protected async Task<IPage> OpenAsync(string who, ViewportSize viewport, string locale = "zh-CN")
    {
        var context = await Chromium.Browser.NewContextAsync(new()
        {
            BaseURL = App.BaseAddress.ToString(),
            ViewportSize = viewport,
            Locale = locale,
            TimezoneId = "Asia/Shanghai",
            HasTouch = viewport.Width < 600,
            IsMobile = viewport.Width < 600,
        });
        _contexts.Add(context);
        // Phones buzz through navigator.vibrate; headless Chromium has no motor, so record the calls instead.
        await context.AddInitScriptAsync(
            "navigator.vibrate = (pattern) => { (window.__vibrations ||= []).push(pattern); return true; };");
        var page = await context.NewPageAsync();
        page.PageError += (_, error) => _scriptErrors.Add($"{who}: {error}");
        page.Console += (_, message) =>
        {
            // Failed requests are logged by Chromium itself (the sign-in page's 401 from /api/auth/me, the tests' own
            // network cuts); the page's own errors are what counts.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource"))
                _scriptErrors.Add($"{who} console: {message.Text}");
        };
        _pages.Add((who, page));
        return page;
    }

    /// <summary>
    /// Counts the tones the page plays (<c>window.__tones</c>): every cue starts an oscillator of the page's
    /// AudioContext. Headless Chromium plays nothing audible, so the calls are what a test can observe.
    /// </summary>
    protected const string CountTones = """
        (() => {
          window.__tones = 0;
          const Ctx = window.AudioContext;
          const create = Ctx.prototype.createOscillator;
          Ctx.prototype.createOscillator = function () { window.__tones++; return create.call(this); };
        })();
        """;

    /// <summary>Signs in through the sign-in page and waits until the console is live (hub connected).</summary>
    /// <param name="beforeSignIn">Runs on the new page before it loads (init scripts, Playwright's clock).</param>
    protected async Task<IPage> SignInAsync(string username, ViewportSize viewport, string locale = "zh-CN",
        Func<IPage, Task>? beforeSignIn = null)
    {
        var page = await OpenAsync(username, viewport, locale);
        if (beforeSignIn is not null) await beforeSignIn(page);
        await page.GotoAsync("/");
        await page.FillAsync("#username", username);
        await page.FillAsync("#password", "demo");
        await page.ClickAsync("#signin");
        await Assertions.Expect(page.Locator("#connection"))
            .ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 15_000 });
        return page;
    }

    /// <summary>Saves a full-page screenshot under artifacts/screenshots/ at the repository root and attaches it to the
    /// test.</summary>
    protected static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(Repository.Root, "artifacts", "screenshots", $"{name}.png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.EvaluateAsync("window.scrollTo(0, 0)"); // sticky headers belong at the top of a full-page picture
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        TestContext.AddTestAttachment(path, name);
        return path;
    }

    protected static ILocator BoardRow(IPage board, string instructionId) =>
        board.Locator($"#task-rows tr[data-instruction-id='{instructionId}']");
    protected static ILocator Card(IPage console, string instructionId) =>
        console.Locator($"#my-tasks li.card[data-instruction-id='{instructionId}']");
}
