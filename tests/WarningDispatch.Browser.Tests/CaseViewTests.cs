using static Microsoft.Playwright.Assertions;

namespace WarningDispatch.Browser.Tests;

/// <summary>Three warnings about one person: one row on the board, "3 warnings" on the officer's phone.</summary>
public class CaseViewTests : BrowserTest
{
    [Test]
    public async Task A_case_is_one_board_row_with_its_count_and_sources_and_the_phone_names_every_warning()
    {
        var board = await SignInAsync("duty", Desktop);
        string[] sources = ["NationalCenter", "Bank", "Telecom"];
        var taskIds = new List<string>();
        for (var i = 0; i < sources.Length; i++)
        {
            var json = App.Instruction($"GX-CASE-UI-{i}", phone: "+8613712340000");
            json["source"] = sources[i];
            taskIds.Add(await App.PostWarningAsync(json));
        }
        using var api = await App.ApiAsync("duty");
        var officer = (await api.TaskAsync(taskIds[0])).GetProperty("officerId").GetString()!;
        var phone = await SignInAsync(officer.ToLowerInvariant(), Phone);

        var rows = board.Locator("#task-rows tr[data-case-id]");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(board.Locator("#task-rows tr")).ToHaveCountAsync(1, new() { Timeout = 10_000 });
        await Expect(rows.Locator(".badge.case")).ToHaveTextAsync("3 条预警");
        await Expect(rows.Locator(".case-sources")).ToHaveTextAsync("国家反诈中心、银行、电信运营商");
        await rows.ClickAsync();
        var warnings = board.Locator("#detail section.case li");
        await Expect(warnings).ToHaveCountAsync(3);
        await Expect(warnings.Nth(1)).ToContainTextAsync("银行");
        await Expect(warnings.Nth(1)).ToContainTextAsync("GX-CASE-UI-1");

        var card = Card(phone, "GX-CASE-UI-0");
        await Expect(phone.Locator("#my-tasks li.card")).ToHaveCountAsync(3);
        await Expect(card.Locator(".case-line strong")).ToHaveTextAsync("此人共 3 条预警");
        await Expect(card.Locator(".case-line .case-sources")).ToContainTextAsync("国家反诈中心");
        await Expect(card.Locator(".case-line .case-sources")).ToContainTextAsync("电信运营商");
        await ScreenshotAsync(board, "board-case-zh");
        await ScreenshotAsync(phone, "console-case-zh");

        await board.Locator("#lang-switch").ClickAsync();
        await Expect(rows.Locator(".badge.case")).ToHaveTextAsync("3 warnings");
        await Expect(rows.Locator(".case-sources")).ToHaveTextAsync("National centre, Bank, Telecom operator");
        await Expect(board.Locator("#detail section.case h3")).ToHaveTextAsync("All warnings about this person");
        await phone.Locator("#lang-switch").ClickAsync();
        await Expect(card.Locator(".case-line strong")).ToHaveTextAsync("3 warnings about this person");
        await Expect(card.Locator(".case-line .case-sources")).ToContainTextAsync("Bank");
    }
}
