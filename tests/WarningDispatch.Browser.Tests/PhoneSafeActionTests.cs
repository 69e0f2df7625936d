using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace WarningDispatch.Browser.Tests;

/// <summary>
/// The phone at 3 a.m. (issue 13): a resolving tap is held with an undo before anything is sent, every accepted action
/// is confirmed, every refusal stays listed with its reason and who changed the task, a new task and a reassignment
/// away ring and buzz (the reassignment leaves a lasting banner), the person's location has navigation links and a
/// small map, and the officer's note lands in the history.
/// </summary>
public class PhoneSafeActionTests : BrowserTest
{
    /// <summary>A task of FS01A (FS01B off duty while it routes), acknowledged unless asked not to.</summary>
    async Task<(string TaskId, string User)> TaskOfFs01aAsync(string instructionId, bool acknowledge = true,
        JsonObject? instruction = null)
    {
        using var duty = await App.ApiAsync("duty");
        await duty.SetOnDutyAsync("FS01B", false);
        var taskId = await App.PostWarningAsync(instruction ?? App.Instruction(instructionId));
        await duty.SetOnDutyAsync("FS01B", true);
        if (acknowledge)
        {
            using var officer = await App.ApiAsync("fs01a");
            await officer.ActAsync(taskId, "acknowledge");
        }
        return (taskId, "fs01a");
    }

    /// <summary>Signs in with Playwright's clock installed first, so the test can move the page's time on.</summary>
    async Task<IPage> SignInWithClockAsync(string user, string locale = "zh-CN")
    {
        var page = await OpenAsync(user, Phone, locale);
        await page.Clock.InstallAsync();
        await page.GotoAsync("/");
        await page.FillAsync("#username", user);
        await page.FillAsync("#password", "demo");
        await page.ClickAsync("#signin");
        await Expect(page.Locator("#connection"))
            .ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 15_000 });
        return page;
    }

    /// <summary>Records the call results the page posts, by result.</summary>
    static async Task<List<string>> CallResultsSentAsync(IPage page)
    {
        var sent = new List<string>();
        await page.RouteAsync("**/api/tasks/*/call-result", async route =>
        {
            var result = JsonDocument.Parse(route.Request.PostData!).RootElement.GetProperty("result").GetString()!;
            lock (sent) sent.Add(result);
            await route.ContinueAsync();
        });
        return sent;
    }

    [Test]
    public async Task One_tap_on_reached_and_dissuaded_sends_nothing_until_the_hold_ends_then_once_and_is_confirmed()
    {
        var (taskId, user) = await TaskOfFs01aAsync("GX-HOLD-1");
        var phone = await SignInWithClockAsync(user);
        var sent = await CallResultsSentAsync(phone);
        var card = Card(phone, "GX-HOLD-1");

        await card.Locator("button[data-result='ReachedAndDissuaded']").ClickAsync();

        var hold = card.Locator("section.hold");
        await Expect(hold).ToContainTextAsync("即将提交： 已接通并劝阻");
        await Expect(hold.Locator(".hold-seconds")).ToHaveTextAsync("5");
        await Expect(hold.Locator("button[data-action='undo']")).ToHaveTextAsync("撤销");
        await Expect(card.Locator("button[data-result]")).ToHaveCountAsync(0); // nothing else to tap meanwhile
        await phone.Clock.RunForAsync(3000);
        await Expect(hold.Locator(".hold-seconds")).ToHaveTextAsync("2");
        lock (sent) Assert.That(sent, Is.Empty, "held: nothing sent yet");

        await phone.Clock.RunForAsync(2500);

        await Expect(phone.Locator("#notice")).ToHaveAttributeAsync("data-kind", "ok");
        await Expect(phone.Locator("#notice")).ToContainTextAsync("GX-HOLD-1 已提交： 已接通并劝阻");
        await Expect(card).ToHaveCountAsync(0); // resolved: on to "done today"
        lock (sent) Assert.That(sent, Is.EqualTo(new[] { "ReachedAndDissuaded" }), "sent once");
        using var duty = await App.ApiAsync("duty");
        Assert.That((await duty.TaskAsync(taskId)).GetProperty("status").GetString(), Is.EqualTo("Resolved"));
    }

    [Test]
    public async Task Undo_sends_nothing_at_all_and_the_next_action_goes_at_once_with_its_confirmation()
    {
        var (taskId, user) = await TaskOfFs01aAsync("GX-UNDO-1");
        var phone = await SignInWithClockAsync(user);
        var sent = await CallResultsSentAsync(phone);
        var card = Card(phone, "GX-UNDO-1");

        await card.Locator("button[data-result='ReachedAndDissuaded']").ClickAsync();
        await card.Locator("section.hold button[data-action='undo']").ClickAsync();

        await Expect(card.Locator("section.hold")).ToHaveCountAsync(0);
        await Expect(phone.Locator("#notice")).ToContainTextAsync("已撤销，未发送任何操作");
        await phone.Clock.RunForAsync(20_000); // far past the hold: an undone action never wakes up
        // A call result that does not resolve goes at once; had the held one been queued, it would have gone first.
        await card.Locator("button[data-action='call-result'][data-result='Busy']").ClickAsync();
        await Expect(phone.Locator("#notice")).ToContainTextAsync("GX-UNDO-1 已提交： 占线");
        await Expect(card).ToHaveAttributeAsync("data-status", "HomeVisit");
        lock (sent) Assert.That(sent, Is.EqualTo(new[] { "Busy" }), "the undone result was never sent");
        using var duty = await App.ApiAsync("duty");
        var history = (await duty.TaskAsync(taskId)).GetProperty("history").EnumerateArray()
            .Select(e => e.GetProperty("code").GetString()).ToList();
        Assert.That(history, Does.Not.Contain("Resolved"));
    }

    [Test]
    public async Task Two_refused_actions_are_both_shown_with_their_reasons_and_who_changed_the_task()
    {
        var (reassigned, user) = await TaskOfFs01aAsync("GX-REFUSE-1", acknowledge: false);
        var (acknowledged, _) = await TaskOfFs01aAsync("GX-REFUSE-2", acknowledge: false);
        var phone = await SignInAsync(user, Phone);
        await Expect(Card(phone, "GX-REFUSE-2")).ToBeVisibleAsync();

        // The phone misses what happens meanwhile (its connection is down): one task goes to a colleague, the other
        // is acknowledged by the same officer on another device.
        await phone.EvaluateAsync("window.__wd.hub.stop()");
        using var duty = await App.ApiAsync("duty");
        await duty.ActAsync(reassigned, "assign", new { officerId = "FS01B" });
        using var otherDevice = await App.ApiAsync("fs01a");
        await otherDevice.ActAsync(acknowledged, "acknowledge");

        async Task AcknowledgeAsync(string instructionId)
        {
            var card = Card(phone, instructionId);
            if (await card.GetAttributeAsync("class") is not { } cls || !cls.Contains("expanded"))
                await card.Locator(".card-head").ClickAsync();
            await card.Locator("button[data-action='acknowledge']").ClickAsync();
        }
        await AcknowledgeAsync("GX-REFUSE-1");
        await Expect(phone.Locator("#refusals li.refusal")).ToHaveCountAsync(1);
        await AcknowledgeAsync("GX-REFUSE-2");

        var refusals = phone.Locator("#refusals li.refusal");
        await Expect(refusals).ToHaveCountAsync(2);
        var first = phone.Locator("#refusals li.refusal[data-instruction-id='GX-REFUSE-1']");
        await Expect(first).ToContainTextAsync("未被接受： 签收任务");
        await Expect(first).ToContainTextAsync("只有被指派的民警或本辖区值班员可以处理此任务");
        var second = phone.Locator("#refusals li.refusal[data-instruction-id='GX-REFUSE-2']");
        await Expect(second).ToHaveAttributeAsync("data-code", "NotAssigned");
        await Expect(second.Locator(".refusal-reason")).ToContainTextAsync("只有待签收的任务可以签收");
        await Expect(second.Locator(".refusal-who"))
            .ToContainTextAsync(new Regex(@"^最后更改： fs01a \d\d:\d\d:\d\d$"));
        await ScreenshotAsync(phone, "console-two-refusals");

        await phone.ClickAsync("#lang-switch");
        await Expect(second.Locator(".refusal-who")).ToContainTextAsync("Last changed by fs01a");
        await Expect(first).ToContainTextAsync("Refused: Acknowledge");

        await second.Locator("button.dismiss").ClickAsync();
        await Expect(refusals).ToHaveCountAsync(1); // one dismissed, the other still there
    }

    [Test]
    public async Task A_new_task_and_a_reassignment_away_ring_and_buzz_and_the_reassignment_stays_on_screen()
    {
        using var duty = await App.ApiAsync("duty");
        await duty.SetOnDutyAsync("FS01B", false); // so the new task is FS01A's
        var page = await SignInAsync("fs01a", Phone, beforeSignIn: async p =>
        {
            await p.Context.AddInitScriptAsync(CountTones);
            await p.Clock.InstallAsync();
        });

        var prompt = page.Locator("#sound-enable");
        await Expect(prompt).ToHaveTextAsync(new Regex("启用声音"));
        await prompt.ClickAsync();
        await Expect(prompt).ToBeHiddenAsync();
        Assert.That(await page.EvaluateAsync<int>("window.__tones"), Is.Zero, "no tone before anything happened");

        var taskId = await App.PostWarningAsync(App.Instruction("GX-RING-1"));
        await Expect(Card(page, "GX-RING-1")).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => window.__tones >= 2");
        Assert.That(await page.EvaluateAsync<int>("window.__tones"), Is.EqualTo(2), "the new-task tones: two rising");
        Assert.That(await page.EvaluateAsync<int[][]>("window.__vibrations"),
            Is.EqualTo(new[] { new[] { 300, 120, 300 } }));

        await duty.SetOnDutyAsync("FS01B", true);
        await duty.ActAsync(taskId, "assign", new { officerId = "FS01B" });

        await Expect(Card(page, "GX-RING-1")).ToHaveCountAsync(0);
        var banner = page.Locator("#withdrawn li.withdrawn[data-instruction-id='GX-RING-1']");
        await Expect(banner).ToContainTextAsync("已改派他人，不再由您处理： GX-RING-1");
        await page.WaitForFunctionAsync("() => window.__tones >= 5");
        Assert.That(await page.EvaluateAsync<int>("window.__tones"), Is.EqualTo(5),
            "three falling for the reassignment");
        Assert.That(await page.EvaluateAsync<int[][]>("window.__vibrations"),
            Is.EqualTo(new[] { new[] { 300, 120, 300 }, new[] { 600, 200, 600 } }));
        // The id reads in one piece: a single line box, never broken at its hyphens.
        Assert.That(await banner.Locator(".nowrap").EvaluateAsync<int>("e => e.getClientRects().length"),
            Is.EqualTo(1));
        await page.Clock.FastForwardAsync("00:10"); // long after a toast would have gone
        await Expect(banner).ToBeVisibleAsync();
        await ScreenshotAsync(page, "console-reassigned-away");

        await banner.Locator("button.dismiss").ClickAsync();
        await Expect(page.Locator("#withdrawn")).ToBeHiddenAsync();
    }

    [TestCase("zh-CN", "手机地图导航", "fs01a 记录：家属在场，已劝阻；明早回访")]
    [TestCase("en", "Phone's map app", "fs01a noted: 家属在场，已劝阻；明早回访")]
    public async Task The_officer_navigates_to_the_person_and_notes_what_they_found_in_the_history(
        string lang, string geoLabel, string noted)
    {
        var instruction = App.Instruction($"GX-NOTE-{lang}");
        instruction["subject"]!["location"] = new JsonObject { ["lat"] = 24.69312, ["lon"] = 108.08561 };
        var (taskId, user) = await TaskOfFs01aAsync($"GX-NOTE-{lang}", instruction: instruction);
        var phone = await SignInAsync(user, Phone);
        if (lang == "en") await phone.ClickAsync("#lang-switch");
        await Expect(phone.Locator("html")).ToHaveAttributeAsync("data-lang", lang);
        var card = Card(phone, $"GX-NOTE-{lang}");

        var nav = card.Locator(".whereabouts");
        await Expect(nav.Locator("a[data-nav='geo']")).ToHaveTextAsync(geoLabel);
        await Expect(nav.Locator("a[data-nav='geo']")).ToHaveAttributeAsync("href",
            new Regex(@"^geo:24\.69312,108\.08561\?q=24\.69312,108\.08561\("));
        await Expect(nav.Locator("a[data-nav='amap']")).ToHaveAttributeAsync("href",
            new Regex(@"^https://uri\.amap\.com/marker\?position=108\.08561,24\.69312&"));
        await Expect(nav.Locator("a[data-nav='baidu']")).ToHaveAttributeAsync("href",
            new Regex(@"^https://api\.map\.baidu\.com/marker\?location=24\.69312,108\.08561&.*output=html"));
        await Expect(nav.Locator("svg.spot-map .spot-pin")).ToBeVisibleAsync();
        using var person = await App.ApiAsync(user);
        var full = await person.TaskAsync(taskId);
        foreach (var link in await nav.Locator("a").EvaluateAllAsync<string[]>("as => as.map(a => a.href)"))
            Assert.That(Uri.UnescapeDataString(link),
                Does.Not.Contain(full.GetProperty("subject").GetProperty("name").GetString()),
                "the person's name stays off the map provider's servers");

        var note = card.Locator("section.note");
        await Expect(note.Locator("button[data-action='notes']")).ToBeDisabledAsync(); // nothing typed yet
        await note.Locator("textarea").FillAsync("家属在场，已劝阻；明早回访");
        await note.Locator("button[data-action='notes']").ClickAsync();

        await card.Locator("details.history summary").ClickAsync();
        var step = card.Locator("details.history li[data-step='OfficerNote']");
        await Expect(step).ToContainTextAsync(noted);
        await Expect(note.Locator("textarea")).ToHaveValueAsync(""); // sent: the field is empty again
        await ScreenshotAsync(phone, $"console-note-{lang}");

        using var duty = await App.ApiAsync("duty");
        var masked = (await duty.TaskAsync(taskId)).GetProperty("history").EnumerateArray().Last();
        Assert.That(masked.GetProperty("code").GetString(), Is.EqualTo("OfficerNote"));
        Assert.That(masked.GetProperty("parameters").GetProperty("text").GetString(),
            Is.EqualTo("（备注已隐藏）(note hidden)"),
            "a board without the personal-data right reads that there is a note, not what it says");
    }
}
