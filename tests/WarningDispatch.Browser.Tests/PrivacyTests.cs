using static Microsoft.Playwright.Assertions;

namespace WarningDispatch.Browser.Tests;

/// <summary>Who sees which task, and how much of the person's identity.</summary>
public class PrivacyTests : BrowserTest
{
    [Test]
    public async Task A_field_officer_sees_only_their_own_tasks_even_when_one_is_reassigned_away_on_the_board()
    {
        var fs01a = await SignInAsync("fs01a", Phone);
        var fs01b = await SignInAsync("fs01b", Phone);
        var board = await SignInAsync("duty", Desktop);
        await App.PublishAsync(App.Instruction("GX-OWN-A"));                       // → FS01A (fewest open tasks, ties
                                                                                   // by id)
        await App.PublishAsync(App.Instruction("GX-OWN-B"));                       // → FS01B
        await App.PublishAsync(App.Instruction("GX-OWN-C", regionCode: "451202")); // → JC01A at 金城江派出所

        await Expect(Card(fs01a, "GX-OWN-A")).ToBeVisibleAsync();
        await Expect(Card(fs01b, "GX-OWN-B")).ToBeVisibleAsync();
        await Expect(BoardRow(board, "GX-OWN-C")).ToBeVisibleAsync();
        await Expect(board.Locator("#task-rows tr")).ToHaveCountAsync(3);
        await Expect(fs01a.Locator("#my-tasks li.card")).ToHaveCountAsync(1);
        await Expect(fs01b.Locator("#my-tasks li.card")).ToHaveCountAsync(1);
        Assert.That(await fs01a.ContentAsync(), Does.Not.Contain("GX-OWN-B").And.Not.Contain("GX-OWN-C"));
        Assert.That(await fs01b.ContentAsync(), Does.Not.Contain("GX-OWN-A").And.Not.Contain("GX-OWN-C"));

        // The duty officer hands A to FS01B on the board: it leaves FS01A's phone and arrives on FS01B's.
        await BoardRow(board, "GX-OWN-A").ClickAsync();
        await Expect(board.Locator("#detail")).ToBeVisibleAsync();
        await board.SelectOptionAsync("#assign-officer", "FS01B");
        await board.ClickAsync("#detail button[data-action='assign']");
        await Expect(BoardRow(board, "GX-OWN-A")).ToContainTextAsync("FS01B");
        await Expect(Card(fs01b, "GX-OWN-A")).ToBeVisibleAsync();
        await Expect(Card(fs01a, "GX-OWN-A")).ToHaveCountAsync(0);
        await Expect(fs01a.Locator("#my-tasks li.card")).ToHaveCountAsync(0);
        await Expect(fs01a.Locator("#empty")).ToBeVisibleAsync();

        // A reload shows the same: the server agrees with the screen.
        await fs01a.ReloadAsync();
        await Expect(fs01a.Locator("#connection")).ToHaveAttributeAsync("data-state", "connected");
        await Expect(fs01a.Locator("#my-tasks li.card")).ToHaveCountAsync(0);
        Assert.That(await fs01a.ContentAsync(), Does.Not.Contain("GX-OWN-"));
    }

    [Test]
    public async Task
        The_board_masks_personal_data_for_a_role_that_may_not_see_it_while_the_assigned_officer_sees_it_in_full()
    {
        var board = await SignInAsync("duty", Desktop);
        var phone = await SignInAsync("fs01a", Phone);
        await App.PublishAsync(App.Instruction("GX-MASK-1", phone: ServiceHost.SubjectPhone));

        var row = BoardRow(board, "GX-MASK-1");
        await Expect(row.Locator("td.phone")).ToHaveTextAsync("+86138****0000");
        await row.ClickAsync();
        var detail = board.Locator("#detail");
        await Expect(detail).ToContainTextAsync("罗**");
        await Expect(detail).ToContainTextAsync("+86138****0000");
        await Expect(detail).ToContainTextAsync("凤山县…");
        await Expect(detail).ToContainTextAsync("+852****0000");
        await Expect(detail.Locator("a[href^='tel:']")).ToHaveCountAsync(0); // nothing to call with a masked number
        await Expect(detail).ToContainTextAsync("个人信息已脱敏");
        var boardHtml = await board.ContentAsync();
        foreach (var secret in new[]
                 { ServiceHost.SubjectPhone, ServiceHost.SubjectName, ServiceHost.SubjectAddress,
                   ServiceHost.Counterpart })
            Assert.That(boardHtml, Does.Not.Contain(secret), $"the board must not hold {secret} anywhere in the page");
        var inMemory = await board.EvaluateAsync<string>("JSON.stringify(window.__wd.store.all())");
        Assert.That(inMemory, Does.Not.Contain(ServiceHost.SubjectPhone), "not even in the page's memory");

        // The assigned officer must call and visit: full number as a tel: link, and the address.
        var card = Card(phone, "GX-MASK-1");
        await Expect(card.Locator($"a[href='tel:{ServiceHost.SubjectPhone}']")).ToBeVisibleAsync();
        await Expect(card).ToContainTextAsync(ServiceHost.SubjectName);
        await Expect(card).ToContainTextAsync(ServiceHost.SubjectAddress);
    }

    [Test]
    public async Task The_sign_in_form_cannot_be_sent_before_its_script_runs_so_a_password_never_lands_in_a_url()
    {
        var page = await OpenAsync("visitor", Desktop);
        // A slow or failed script load: the page as the browser has it before signin.js runs.
        await page.RouteAsync("**/js/signin.js", route => route.AbortAsync());
        await page.GotoAsync("/");
        await page.FillAsync("#username", "fs01a");
        await page.FillAsync("#password", "demo-secret");
        await Expect(page.Locator("#signin")).ToBeDisabledAsync();
        await page.PressAsync("#password", "Enter"); // implicit submission: none while the button is disabled

        await Expect(page.Locator("#password")).ToHaveValueAsync("demo-secret");
        Assert.That(page.Url, Does.Not.Contain("demo-secret").And.Not.Contain("password"));
    }
}
