using Microsoft.Playwright;

namespace WarningDispatch.Browser.Tests;

/// <summary>
/// One headless Chromium for the whole run: Debian's /usr/bin/chromium (tests/run.sh installs it), driven by the
/// Playwright driver that ships inside the Microsoft.Playwright package. Playwright's own browser download cannot work
/// here, so a missing Chromium fails every test with the reason instead of skipping them.
/// </summary>
[SetUpFixture]
public sealed class Chromium
{
    public static IBrowser Browser { get; private set; } = null!;
    static IPlaywright? _playwright;

    /// <summary>WD_CHROMIUM overrides the path, e.g. on a developer machine with Chrome elsewhere.</summary>
    static string ExecutablePath =>
        Environment.GetEnvironmentVariable("WD_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    [OneTimeSetUp]
    public async Task Launch()
    {
        if (!File.Exists(ExecutablePath))
            Assert.Fail($"Chromium was not found at {ExecutablePath}. Install it " +
                        $"(Debian: `apt-get install chromium fonts-wqy-zenhei`, " +
                        "which tests/run.sh does) or set WD_CHROMIUM to a Chromium/Chrome executable. " +
                        "The browser tests do not skip.");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run"],
        });
    }

    [OneTimeTearDown]
    public async Task Close()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
    }
}
