using System.Text;
using WarningDispatch.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace WarningDispatch.Browser.Tests;

/// <summary>
/// An update from upstream (INTERFACE.md §7) shows live on the phone and the board, in zh-CN and English.
/// </summary>
public class UpdateTests : BrowserTest
{
    [Test]
    public async Task A_location_update_shows_live_on_the_phone_console_with_the_updated_mark_in_both_languages()
    {
        using var fs01a = await App.ApiAsync("fs01a");
        var taskId = await App.PostWarningAsync(App.Instruction("GX-UI-UPD-1"));
        await fs01a.ActAsync(taskId, "acknowledge"); // acknowledged: the task stays with this officer
        var phone = await SignInAsync("fs01a", Phone);
        var board = await SignInAsync("duty", Desktop);
        foreach (var page in new[] { phone, board }) await page.EvaluateAsync("window.__sameDocument = true");
        var card = Card(phone, "GX-UI-UPD-1");
        await Expect(card).ToHaveAttributeAsync("data-version", "2");
        await Expect(card.Locator(".badge.updated")).ToHaveCountAsync(0);
        var update = BadUpdateCorpus.Valid("U-UI-1", "GX-UI-UPD-1", App.Now);
        update.Remove("note");
        update["address"] = "凤山县某宾馆 302 房";

        var response = await App.PostUpdateAsync("GX-UI-UPD-1", Encoding.UTF8.GetBytes(update.ToJsonString()));

        Assert.That((int)response.StatusCode, Is.EqualTo(202), await response.Content.ReadAsStringAsync());
        await Expect(card).ToHaveAttributeAsync("data-version", "3");
        var mark = card.Locator(".badge.updated");
        await Expect(mark).ToContainTextAsync("已更新");
        await Expect(mark).ToContainTextAsync("位置");
        await Expect(mark).ToContainTextAsync("地址");
        await Expect(mark).ToContainTextAsync(App.Now.ToOffset(TimeSpan.FromHours(8)).ToString("HH:mm"));
        var row = BoardRow(board, "GX-UI-UPD-1");
        await Expect(row.Locator(".badge.updated")).ToContainTextAsync("已更新");
        if (await card.GetAttributeAsync("class") is { } cls && !cls.Contains("expanded"))
            await card.Locator(".card-head").ClickAsync();
        await Expect(card.Locator(".address")).ToHaveTextAsync("凤山县某宾馆 302 房");
        await Expect(card.Locator(".facts")).ToContainTextAsync("24.546, 107.082");
        await card.Locator("details.history summary").ClickAsync();
        await Expect(card.Locator("details.history li[data-step='Updated']"))
            .ToContainTextAsync("更新了：位置和地址");
        await ScreenshotAsync(phone, "console-phone-updated-zh");

        await phone.ClickAsync("#lang-switch");
        await Expect(mark).ToContainTextAsync("Updated");
        await Expect(mark).ToContainTextAsync("location and address");
        await Expect(card.Locator("details.history li[data-step='Updated']"))
            .ToContainTextAsync("updated: location and address");
        await ScreenshotAsync(phone, "console-phone-updated-en");
        foreach (var page in new[] { phone, board })
            Assert.That(await page.EvaluateAsync<bool>("window.__sameDocument === true"), Is.True,
                "pushed, not reloaded");
    }
}
