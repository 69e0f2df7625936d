using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace WarningDispatch.Browser.Tests;

/// <summary>
/// The phone rings and buzzes when the acknowledgement's time is 80 % gone (the console reckons it from the step's
/// start and its deadline; the server marks only the home visit's): with a 10-second window, so it comes in the test.
/// </summary>
public class PhoneAckDeadlineCueTests : BrowserTest
{
    protected override ConsoleHost NewHost() => new(builder => builder.UseSetting("Escalation:AckMedium", "00:00:10"));

    [Test]
    public async Task The_acknowledge_deadline_at_80_percent_rings_and_buzzes_once()
    {
        var page = await SignInAsync("fs01a", Phone, beforeSignIn: p => p.Context.AddInitScriptAsync(CountTones));
        await page.ClickAsync("#sound-enable");

        var instruction = App.Instruction("GX-ACK-80");
        instruction["issuedAt"] = App.Now.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-ddTHH:mm:sszzz",
            System.Globalization.CultureInfo.InvariantCulture); // a 10 s window from now
        var taskId = await App.PostWarningAsync(instruction);
        using var duty = await App.ApiAsync("duty");
        var officer = (await duty.TaskAsync(taskId)).GetProperty("officerId").GetString();
        Assert.That(officer, Is.EqualTo("FS01A"), "the task is this phone's");
        await Expect(Card(page, "GX-ACK-80")).ToHaveAttributeAsync("data-status", "Assigned");

        await page.WaitForFunctionAsync("() => window.__vibrations.length >= 2", null, new() { Timeout = 12_000 });
        var buzzes = await page.EvaluateAsync<int[][]>("window.__vibrations");
        Assert.That(buzzes.Take(2), Is.EqualTo(new[] { new[] { 300, 120, 300 }, new[] { 150, 80, 150, 80, 150 } }),
            "the new task's buzz, then the deadline's, before the deadline");
        Assert.That(await page.EvaluateAsync<int>("window.__tones"), Is.EqualTo(2 + 3), "two rising, three high");
    }
}
