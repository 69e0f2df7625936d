using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace WarningDispatch.Browser.Tests;

/// <summary>
/// History, routing reasons and refusals are rendered from the server's codes through the resource files: a zh-CN
/// board reads them in Chinese with no English sentence left, an English board in English.
/// </summary>
public partial class HistoryLanguageTests : BrowserTest
{
    /// <summary>A Latin-letter word: ids and codes on screen are data (translate="no") and are left out.</summary>
    [GeneratedRegex(@"[A-Za-z]{4,}")]
    private static partial Regex LatinWord();

    [GeneratedRegex(@"[\u3400-\u9fff\uff00-\uffef]")]
    private static partial Regex Chinese();

    /// <summary>The text of an element outside data (translate="no": officer and user ids, times, names).</summary>
    const string Words = """
        (root) => {
          const out = [];
          const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            const text = n.textContent.trim();
            if (text && !n.parentElement.closest('[translate="no"]')) out.push(text);
          }
          return out.join(' ');
        }
        """;

    static async Task<string> WordsAsync(ILocator element) => await element.EvaluateAsync<string>(Words);

    [Test]
    public async Task A_chinese_board_shows_history_and_a_409_in_chinese_and_an_english_board_in_english()
    {
        var taskId = await App.PostWarningAsync(App.Instruction("GX-HIST-1"));
        using var duty = await App.ApiAsync("duty");
        var officerId = (await duty.TaskAsync(taskId)).GetProperty("officerId").GetString()!;
        using var officer = await App.ApiAsync(officerId.ToLowerInvariant());
        var board = await SignInAsync("duty", Desktop);
        await BoardRow(board, "GX-HIST-1").ClickAsync();
        await Expect(board.Locator("#detail button[data-action='escalate']")).ToBeVisibleAsync();

        // The board misses the officer's steps (its connection is down), so the duty officer acts on an old copy.
        await board.EvaluateAsync("window.__wd.hub.stop()");
        await officer.ActAsync(taskId, "acknowledge");
        await officer.ActAsync(taskId, "call-result", new { result = "Busy" });
        await board.ClickAsync("#detail button[data-action='escalate']");

        var error = board.Locator("#action-error");
        await Expect(error).ToHaveTextAsync(new Regex("^已要求上门劝阻")); // the server's reason first, no generic lead-in
        await Expect(board.Locator("#detail")).ToHaveAttributeAsync("data-version", "3"); // read again after the 409
        var history = board.Locator("#detail #history");
        await Expect(history.Locator("li[data-step='HomeVisit']")).ToContainTextAsync("电话劝阻未成功（占线）");
        await Expect(history.Locator("li[data-step='Acknowledged']")).ToContainTextAsync($"民警 {officerId} 已签收");
        await Expect(history.Locator("li[data-step='Routed']")).ToContainTextAsync("区划 451223 的管辖派出所");
        foreach (var (what, element) in new[] { ("history", history), ("409 message", error) })
        {
            var words = await WordsAsync(element);
            Assert.That(LatinWord().Matches(words).Select(m => m.Value), Is.Empty, $"zh-CN {what}: {words}");
        }

        // In English: the same history in English, and the next refusal too.
        await board.ClickAsync("#lang-switch");
        await Expect(board.Locator("html")).ToHaveAttributeAsync("data-lang", "en");
        await Expect(history.Locator("li[data-step='HomeVisit']")).ToContainTextAsync("phone warning failed (Busy)");
        await Expect(history.Locator("li[data-step='Acknowledged']"))
            .ToContainTextAsync($"acknowledged by officer {officerId}");
        Assert.That(Chinese().IsMatch(await WordsAsync(history)), Is.False, "no Chinese outside data");

        await Expect(board.Locator("#detail button[data-action='arrive']")).ToBeVisibleAsync();
        await officer.ActAsync(taskId, "arrive");
        await board.ClickAsync("#detail button[data-action='arrive']");
        await Expect(error).ToHaveTextAsync(new Regex("^arrival is already recorded")); // the reason leads
        Assert.That(Chinese().IsMatch(await WordsAsync(error)), Is.False, "no Chinese in the English refusal");
    }

    [Test]
    public async Task A_chinese_phone_shows_its_history_and_a_refusal_in_chinese()
    {
        // Ids are data; this one has no Latin word in it, so the refusal's lead-in (which names it) can be checked too.
        var taskId = await App.PostWarningAsync(App.Instruction("GX-20261201-0002"));
        using var duty = await App.ApiAsync("duty");
        var officerId = (await duty.TaskAsync(taskId)).GetProperty("officerId").GetString()!;
        var other = officerId == "FS01A" ? "FS01B" : "FS01A";
        var phone = await SignInAsync(officerId.ToLowerInvariant(), Phone);
        var card = Card(phone, "GX-20261201-0002");
        await Expect(card.Locator("button[data-action='acknowledge']")).ToBeVisibleAsync();

        // The phone misses the reassignment (its connection is down) and acknowledges a task no longer its own.
        await phone.EvaluateAsync("window.__wd.hub.stop()");
        await duty.ActAsync(taskId, "assign", new { officerId = other });
        await card.Locator("button[data-action='acknowledge']").ClickAsync();

        var notice = phone.Locator("#notice");
        await Expect(notice).ToContainTextAsync("只有被指派的民警或本辖区值班员可以处理此任务");
        var words = await WordsAsync(notice);
        Assert.That(LatinWord().Matches(words).Select(m => m.Value), Is.Empty, $"zh-CN refusal: {words}");
    }

    [Test]
    public async Task A_chinese_phone_reads_its_history_in_chinese()
    {
        var taskId = await App.PostWarningAsync(App.Instruction("GX-20261201-0003"));
        using var duty = await App.ApiAsync("duty");
        var officerId = (await duty.TaskAsync(taskId)).GetProperty("officerId").GetString()!;
        using var officer = await App.ApiAsync(officerId.ToLowerInvariant());
        await officer.ActAsync(taskId, "acknowledge");
        await duty.ActAsync(taskId, "escalate");
        var phone = await SignInAsync(officerId.ToLowerInvariant(), Phone);
        var card = Card(phone, "GX-20261201-0003");
        await card.Locator("details.history summary").ClickAsync();

        var history = card.Locator("details.history ol");
        await Expect(history.Locator("li[data-step='HomeVisit']")).ToContainTextAsync("值班员 duty 要求上门");
        var words = await WordsAsync(history);
        Assert.That(LatinWord().Matches(words).Select(m => m.Value), Is.Empty, $"zh-CN history: {words}");
        // A visit required before the call result: the six call results, arriving, recording an outcome, the five
        // results of a call to the person (who has no contacts here), and saving a note.
        await Expect(card.Locator("button[data-action]")).ToHaveCountAsync(6 + 1 + 1 + 5 + 1);
    }
}
