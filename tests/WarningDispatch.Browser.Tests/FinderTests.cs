using static Microsoft.Playwright.Assertions;

namespace WarningDispatch.Browser.Tests;

/// <summary>Closed tasks are findable on the board: by phone, by day, a page at a time, with their history.</summary>
public class FinderTests : BrowserTest
{
    [Test]
    public async Task A_closed_task_is_found_by_phone_and_by_today_and_opens_with_its_whole_history()
    {
        var closed = await App.PostWarningAsync(App.Instruction("GX-FIND-UI-1", phone: "+8613766665555"));
        await App.PostWarningAsync(App.Instruction("GX-FIND-UI-2"));
        using var duty = await App.ApiAsync("duty");
        var officer = (await duty.TaskAsync(closed)).GetProperty("officerId").GetString()!;
        using (var field = await App.ApiAsync(officer.ToLowerInvariant()))
        {
            await field.ActAsync(closed, "acknowledge");
            await field.ActAsync(closed, "call-result", new { result = "ReachedAndDissuaded" });
        }

        var board = await SignInAsync("duty.data", Desktop);
        await Expect(board.Locator("#task-rows tr[data-instruction-id='GX-FIND-UI-2']")).ToHaveCountAsync(1);
        await Expect(board.Locator("#task-rows tr[data-instruction-id='GX-FIND-UI-1']")).ToHaveCountAsync(0);
        await board.Locator("#open-finder").ClickAsync();
        var finder = board.Locator("#finder");
        await finder.Locator("[name=phone]").FillAsync("+86 137 6666 5555");
        await finder.Locator("button[type=submit]").ClickAsync();
        var results = finder.Locator(".finder-list li");
        await Expect(results).ToHaveCountAsync(1);
        await Expect(results.First).ToContainTextAsync("GX-FIND-UI-1");
        await Expect(results.First).ToContainTextAsync("已办结");
        await results.First.ClickAsync();
        await Expect(board.Locator("#detail-title")).ToHaveTextAsync("GX-FIND-UI-1");
        await Expect(board.Locator("#history li[data-step='Resolved']")).ToHaveCountAsync(1);
        await Expect(board.Locator("#detail")).ToContainTextAsync("+8613766665555");

        await finder.Locator("[name=phone]").FillAsync("");
        await finder.Locator("button[type=submit]").ClickAsync(); // today, the centre's day
        await Expect(results).ToHaveCountAsync(2);
        await Expect(results.First).ToContainTextAsync("GX-FIND-UI-2"); // newest first
        await Expect(finder.Locator("[data-total]")).ToHaveTextAsync("共 2 条 · 第 1/1 页");
        await ScreenshotAsync(board, "board-finder-zh");
        await board.Locator("#lang-switch").ClickAsync();
        await Expect(finder.Locator("[data-total]")).ToHaveTextAsync("2 found · page 1 of 1");
        await Expect(results.Nth(1)).ToContainTextAsync("Resolved");

        var masked = await SignInAsync("duty", Desktop);
        await masked.Locator("#open-finder").ClickAsync();
        await Expect(masked.Locator("#finder")).ToBeVisibleAsync();
        await Expect(masked.Locator("#finder .finder-phone")).ToBeHiddenAsync();
    }
}
