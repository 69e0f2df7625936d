using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace WarningDispatch.Browser.Tests;

/// <summary>
/// The phone console lists the person and their contacts with one-tap call buttons, records each call with one tap,
/// and shows the home visit the third failed call brings: in zh-CN and in English.
/// </summary>
public class ReachingThePersonTests : BrowserTest
{
    static readonly Dictionary<string, string[]> Says = new()
    {
        // failed badge after two calls, "No answer" button, the contact-1 history line, the reason of the visit
        ["zh-CN"] = ["未联系上 2 次", "无人接听", "致电联系人 1（儿子）：关机",
            "3 次电话均未联系上本人或亲友"],
        ["en"] = ["2 failed call(s)", "No answer", "called contact 1 (儿子): Powered off",
            "3 calls failed to reach the person or their contacts"],
    };

    [TestCase("zh-CN")]
    [TestCase("en")]
    public async Task
        The_officer_calls_the_contacts_and_the_third_failed_call_sends_the_task_to_a_home_visit(string lang)
    {
        var says = Says[lang];
        var instructionId = $"GX-REACH-{lang}";
        var instruction = App.Instruction(instructionId);
        instruction["subject"]!["contacts"] = new JsonArray(
            new JsonObject { ["name"] = "罗小明", ["phone"] = "+8613900000001", ["relation"] = "儿子" },
            new JsonObject { ["phone"] = "+8613900000002" });
        var taskId = await App.PostWarningAsync(instruction);
        using var duty = await App.ApiAsync("duty");
        var user = (await duty.TaskAsync(taskId)).GetProperty("officerId").GetString()!.ToLowerInvariant();
        using var officer = await App.ApiAsync(user);
        await officer.ActAsync(taskId, "acknowledge");

        var phone = await SignInAsync(user, Phone);
        if (lang == "en") await phone.ClickAsync("#lang-switch");
        await Expect(phone.Locator("html")).ToHaveAttributeAsync("data-lang", lang);
        var card = Card(phone, instructionId);
        var reach = card.Locator("section.reach");
        ILocator Row(string who) => reach.Locator($"li.reach-row[data-contact='{who}']");
        ILocator Button(string who, string result) =>
            Row(who).Locator($"button[data-action='attempts'][data-result='{result}']");

        await Expect(reach.Locator("li.reach-row")).ToHaveCountAsync(3);
        await Expect(Row("0").Locator("a.call-link")).ToHaveAttributeAsync("href", "tel:+8613900000001");
        await Expect(Row("0")).ToContainTextAsync("儿子");
        await Expect(Row("0")).ToContainTextAsync("罗小明");
        await Expect(Row("1").Locator("a.call-link")).ToHaveAttributeAsync("href", "tel:+8613900000002");
        await Expect(Button("subject", "NoAnswer")).ToHaveTextAsync(says[1]);

        await Button("subject", "NoAnswer").ClickAsync();
        await Expect(Row("subject").Locator("ol.attempts li")).ToHaveCountAsync(1);
        await Button("0", "PoweredOff").ClickAsync();
        await Expect(Row("0").Locator("ol.attempts li[data-result='PoweredOff']")).ToHaveCountAsync(1);
        await Expect(reach.Locator(".badge.failed")).ToHaveTextAsync(says[0]);
        await Expect(card).ToHaveAttributeAsync("data-status", "PhoneWarning");
        await ScreenshotAsync(phone, $"console-reach-two-failed-{lang}");

        await Button("1", "Busy").ClickAsync();

        await Expect(card).ToHaveAttributeAsync("data-status", "HomeVisit");
        await Expect(card.Locator("button[data-action='arrive']")).ToBeVisibleAsync();
        await card.Locator("details.history summary").ClickAsync();
        var history = card.Locator("details.history ol");
        await Expect(history.Locator("li[data-step='ContactAttempted']")).ToHaveCountAsync(3);
        await Expect(history.Locator("li[data-step='ContactAttempted']").Nth(1)).ToContainTextAsync(says[2]);
        await Expect(history.Locator("li[data-step='HomeVisit']")).ToContainTextAsync(says[3]);
        await ScreenshotAsync(phone, $"console-reach-home-visit-{lang}");
    }
}
