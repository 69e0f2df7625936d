using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace WarningDispatch.Browser.Tests;

/// <summary>
/// The follow-up visit (回访) in Chromium, on a service whose follow-ups fall due a second after the resolution and
/// are overdue ten seconds later: the board marks due and overdue by its own clock, live; an officer of the post
/// records one from the phone's list (Defrauded with the amount lost), the duty officer the other from the board.
/// </summary>
public class FollowUpVisitTests : BrowserTest
{
    static readonly Dictionary<string, string[]> Says = new()
    {
        // overdue badge, due badge, the board's overdue count, the Defrauded button, the history line of the visit
        ["zh-CN"] = ["已逾期", "已到期", "逾期 1", "已被骗", "回访结果：安全，未被骗"],
        ["en"] = ["Overdue", "Due", "1 overdue", "Defrauded", "follow-up visit: Safe, not defrauded"],
    };

    protected override ConsoleHost NewHost() => new(builder =>
    {
        builder.UseSetting("FollowUp:After", "00:00:01");
        builder.UseSetting("FollowUp:Grace", "00:00:10");
    });

    async Task<string> AcknowledgedAsync(string instructionId)
    {
        var taskId = await App.PostWarningAsync(App.Instruction(instructionId));
        using var officer = await App.ApiAsync(await OfficerOfAsync(taskId));
        await officer.ActAsync(taskId, "acknowledge");
        return taskId;
    }

    async Task<string> OfficerOfAsync(string taskId)
    {
        using var duty = await App.ApiAsync("duty");
        return (await duty.TaskAsync(taskId)).GetProperty("officerId").GetString()!.ToLowerInvariant();
    }

    async Task ResolveAsync(string taskId)
    {
        using var officer = await App.ApiAsync(await OfficerOfAsync(taskId));
        await officer.ActAsync(taskId, "outcome", new { outcome = "Dissuaded" });
    }

    static ILocator BoardFollowUp(IPage board, string instructionId) =>
        board.Locator($"#follow-ups li.fu-row[data-instruction-id='{instructionId}']");

    static ILocator PhoneFollowUp(IPage phone, string instructionId) =>
        phone.Locator($"#follow-ups li.follow-up[data-instruction-id='{instructionId}']");

    [Test]
    public async Task The_phones_done_list_orders_by_the_first_resolution_after_a_later_follow_up()
    {
        using (var duty = await App.ApiAsync("duty")) await duty.SetOnDutyAsync("FS01B", false); // both FS01A's
        var earlier = await AcknowledgedAsync("GX-FU-DONE-1");
        var later = await AcknowledgedAsync("GX-FU-DONE-2");
        await ResolveAsync(earlier);
        await ResolveAsync(later);
        // A later step of the resolved task: the newest resolved-status step, but not when it was resolved.
        using (var officer = await App.ApiAsync("fs01a"))
            await officer.ActAsync(earlier, "follow-up", new { result = "Safe" });

        var phone = await SignInAsync("fs01a", Phone);
        var done = phone.Locator("#done-tasks li");
        await Expect(done).ToHaveCountAsync(2);
        Assert.That(await done.EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.taskId)"),
            Is.EqualTo(new[] { later, earlier }), "the newest resolution first");
    }

    [TestCase("zh-CN")]
    [TestCase("en")]
    public async Task The_board_marks_due_and_overdue_and_the_phone_records_the_visits_from_its_list(string lang)
    {
        var says = Says[lang];
        string first = $"GX-FU-{lang}-1", second = $"GX-FU-{lang}-2";
        var firstTask = await AcknowledgedAsync(first);
        var secondTask = await AcknowledgedAsync(second);

        var board = await SignInAsync("duty", Desktop, lang == "en" ? "en-US" : "zh-CN");
        if (lang == "en") await board.ClickAsync("#lang-switch");
        await Expect(board.Locator("html")).ToHaveAttributeAsync("data-lang", lang);
        await Expect(board.Locator("#follow-ups .fu-empty")).ToBeVisibleAsync();

        await ResolveAsync(firstTask);
        await Expect(BoardFollowUp(board, first)).ToHaveAttributeAsync("data-follow-up", "overdue",
            new() { Timeout = 30_000 });
        await ResolveAsync(secondTask);
        await Expect(BoardFollowUp(board, second)).ToHaveAttributeAsync("data-follow-up", "due",
            new() { Timeout = 10_000 });

        await Expect(BoardFollowUp(board, first).Locator(".fu-state")).ToHaveTextAsync(says[0]);
        await Expect(BoardFollowUp(board, second).Locator(".fu-state")).ToHaveTextAsync(says[1]);
        await Expect(board.Locator("#follow-ups .fu-counts [data-count='overdue']")).ToHaveTextAsync(says[2]);
        await Expect(board.Locator("#follow-ups .fu-counts [data-count='overdue']")).ToHaveClassAsync(new Regex("hot"));
        await Expect(board.Locator("#follow-ups li.fu-row")).ToHaveCountAsync(2);
        await ScreenshotAsync(board, $"board-follow-ups-{lang}");

        var phone = await SignInAsync("fs01a", Phone);
        if (lang == "en") await phone.ClickAsync("#lang-switch");
        await Expect(phone.Locator("html")).ToHaveAttributeAsync("data-lang", lang);
        var cards = phone.Locator("#follow-ups li.follow-up");
        await Expect(cards).ToHaveCountAsync(2);
        await Expect(cards.Nth(0)).ToHaveAttributeAsync("data-instruction-id", first);
        await Expect(cards.Nth(0)).ToHaveAttributeAsync("data-follow-up", "overdue");
        await Expect(cards.Nth(0).Locator(".fu-state")).ToHaveTextAsync(says[0]);
        await ScreenshotAsync(phone, $"console-follow-ups-{lang}");

        var card = PhoneFollowUp(phone, first);
        await Expect(card.Locator("button[data-result='Defrauded']")).ToHaveTextAsync(says[3]);
        await card.Locator("button[data-result='Defrauded']").ClickAsync();
        await Expect(card.Locator("button[data-action='follow-up']")).ToBeDisabledAsync();
        await card.Locator("input[name='amountLost']").FillAsync("3000");
        await card.Locator("textarea[name='note']").FillAsync("已转账 3000 元");
        await card.Locator("button[data-action='follow-up']").ClickAsync();

        await Expect(PhoneFollowUp(phone, first)).ToHaveCountAsync(0);
        await Expect(BoardFollowUp(board, first)).ToHaveCountAsync(0);
        using var duty = await App.ApiAsync("duty");
        var marked = await duty.TaskAsync(firstTask);
        Assert.That(marked.GetProperty("followUp").GetProperty("result").GetString(), Is.EqualTo("Defrauded"));
        Assert.That(marked.GetProperty("defraudedAfterWarning").GetProperty("amountLost").GetDecimal(),
            Is.EqualTo(3000m));
        Assert.That(marked.GetProperty("followUp").GetProperty("note").GetString(),
            Is.EqualTo("（备注已隐藏）(note hidden)"),
            "the board's account may not see personal data");

        await BoardFollowUp(board, second).ClickAsync();
        await board.Locator("#detail").WaitForAsync();
        await Expect(board.Locator("#detail-title")).ToContainTextAsync(second);

        // The duty officer may record one too, from the task's detail on the board.
        await ScreenshotAsync(board, $"board-follow-up-detail-{lang}");
        await board.SelectOptionAsync("#follow-up-result", "Safe");
        await board.ClickAsync("#detail button[data-action='follow-up']");
        await Expect(board.Locator("#follow-ups li.fu-row")).ToHaveCountAsync(0);
        await Expect(board.Locator("#follow-ups .fu-empty")).ToBeVisibleAsync();
        await Expect(board.Locator("#history li[data-step='FollowUpRecorded']")).ToContainTextAsync(says[4]);
    }

    [Test]
    public async Task A_follow_up_recorded_in_a_dead_spot_is_queued_and_applied_once_when_the_network_returns()
    {
        var taskId = await AcknowledgedAsync("GX-FU-FLAKY");
        await ResolveAsync(taskId);
        // The post's other officer visits: the retry must still reach the task after the first try recorded it.
        var colleague = await OfficerOfAsync(taskId) == "fs01a" ? "fs01b" : "fs01a";
        var phone = await SignInAsync(colleague, Phone);
        var card = PhoneFollowUp(phone, "GX-FU-FLAKY");
        await Expect(card.Locator("button[data-result='Unreachable']")).ToBeVisibleAsync();

        var sent = new List<string>();
        var network = "dead";
        await phone.RouteAsync("**/api/tasks/*/follow-up", async route =>
        {
            var actionId = JsonDocument.Parse(route.Request.PostData!).RootElement.GetProperty("actionId").GetString()!;
            lock (sent) sent.Add(actionId);
            if (network == "dead") await route.AbortAsync("internetdisconnected");
            else if (network == "answer lost")
            {
                network = "up";
                await route.FetchAsync();
                await route.AbortAsync("connectionreset");
            }
            else await route.ContinueAsync();
        });
        await card.Locator("button[data-result='Unreachable']").ClickAsync();
        await card.Locator("button[data-action='follow-up']").ClickAsync();

        await Expect(card.Locator(".badge.queued")).ToBeVisibleAsync();
        await Expect(card.Locator("button[data-result]")).ToHaveCountAsync(0);
        await Expect(phone.Locator("#queue-status")).ToContainTextAsync("1");

        network = "answer lost";
        await phone.EvaluateAsync("window.dispatchEvent(new Event('online'))");
        await Expect(phone.Locator("#queue-status")).ToBeHiddenAsync(new() { Timeout = 15_000 });
        await Expect(phone.Locator("#follow-ups")).ToBeHiddenAsync();
        // Answered as applied (not refused as someone else's task): the officer reads that it is recorded.
        await Expect(phone.Locator("#notice")).ToHaveAttributeAsync("data-kind", "info");
        await Expect(phone.Locator("#notice")).ToContainTextAsync("GX-FU-FLAKY：回访已记录");
        Assert.That(sent.Distinct().Count(), Is.EqualTo(1), "every try carried the same action id");
        Assert.That(sent, Has.Count.GreaterThanOrEqualTo(3), "dead, answer lost, then answered");
        using var duty = await App.ApiAsync("duty");
        var task = await duty.TaskAsync(taskId);
        Assert.That(task.GetProperty("followUp").GetProperty("by").GetString(), Is.EqualTo(colleague));
        Assert.That(task.GetProperty("history").EnumerateArray()
            .Count(e => e.GetProperty("code").GetString() == "FollowUpRecorded"), Is.EqualTo(1), "applied once");
    }
}
