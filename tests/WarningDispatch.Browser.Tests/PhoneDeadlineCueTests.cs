using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace WarningDispatch.Browser.Tests;

/// <summary>
/// The phone rings and buzzes, in its own pattern, when a task's home-visit deadline reaches 80 % (the server's
/// VisitWarning): with a 12-second visit window, so the mark comes within the test.
/// </summary>
public class PhoneDeadlineCueTests : BrowserTest
{
    protected override ConsoleHost NewHost() => new(builder =>
    {
        foreach (var area in new[] { "Urban", "Suburban", "Rural" })
            builder.UseSetting($"Escalation:Visit{area}", "00:00:12");
    });

    [Test]
    public async Task The_visit_deadline_at_80_percent_rings_and_buzzes_once_in_its_own_pattern()
    {
        using var duty = await App.ApiAsync("duty");
        await duty.SetOnDutyAsync("FS01B", false); // the task is FS01A's
        var page = await SignInAsync("fs01a", Phone, beforeSignIn: p => p.Context.AddInitScriptAsync(CountTones));
        await page.ClickAsync("#sound-enable");

        var taskId = await App.PostWarningAsync(App.Instruction("GX-DEADLINE-80"));
        using var officer = await App.ApiAsync("fs01a");
        await officer.ActAsync(taskId, "acknowledge");
        await officer.ActAsync(taskId, "call-result", new { result = "Busy" }); // → a home visit with a 12 s window
        var card = Card(page, "GX-DEADLINE-80");
        await Expect(card).ToHaveAttributeAsync("data-status", "HomeVisit");

        await Expect(card.Locator(".badge.visit-80, .badge.visit-100")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await page.WaitForFunctionAsync("() => window.__vibrations.length >= 2");
        var buzzes = await page.EvaluateAsync<int[][]>("window.__vibrations");
        Assert.That(buzzes, Is.EqualTo(new[] { new[] { 300, 120, 300 }, new[] { 150, 80, 150, 80, 150 } }),
            "the new task's buzz, then the deadline's");
        Assert.That(await page.EvaluateAsync<int>("window.__tones"), Is.EqualTo(2 + 3), "two rising, three high");
    }
}
