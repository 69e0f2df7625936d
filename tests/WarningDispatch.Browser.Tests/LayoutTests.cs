using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace WarningDispatch.Browser.Tests;

/// <summary>
/// The phone console in one hand at 375 × 812, and the board on a control-room screen; screenshots of both.
/// </summary>
public class LayoutTests : BrowserTest
{
    /// <summary>
    /// What a thumb and an eye notice: the page does not move sideways (no element sticks out past the screen edge),
    /// and every control is at least 44 px high. Returns the problems found, empty when there are none.
    /// </summary>
    const string LayoutProblems = """
        () => {
          const problems = [];
          const width = document.documentElement.clientWidth;
          window.scrollTo(500, window.scrollY);
          if (window.scrollX !== 0) problems.push(`the page scrolls sideways by ${window.scrollX}px`);
          window.scrollTo(0, window.scrollY);
          if (document.documentElement.scrollWidth > width)
            problems.push(`scrollWidth ${document.documentElement.scrollWidth} > ${width}`);
          const describe = (e) => e.outerHTML.replace(/\s+/g, ' ').slice(0, 140);
          for (const e of document.body.querySelectorAll('*')) {
            if (!e.checkVisibility()) continue;
            const r = e.getBoundingClientRect();
            if (r.width && (r.right > width + 0.5 || r.left < -0.5))
              problems.push(`sticks out (${Math.round(r.left)}..${Math.round(r.right)}): ${describe(e)}`);
          }
          for (const e of document.body.querySelectorAll('*')) {
            // A box that scrolls sideways hides part of itself (a table's last columns) until someone scrolls it.
            if (!e.checkVisibility() || !/auto|scroll/.test(getComputedStyle(e).overflowX)) continue;
            if (e.scrollWidth > e.clientWidth + 1)
              problems.push(`scrolls sideways inside (${e.scrollWidth} > ${e.clientWidth}): ${describe(e)}`);
          }
          for (const e of document.querySelectorAll('button, a[href], select, input, summary')) {
            if (!e.checkVisibility()) continue;
            const h = e.getBoundingClientRect().height;
            if (h < 44) problems.push(`${Math.round(h)}px high: ${describe(e)}`);
          }
          return problems;
        }
        """;

    [Test]
    public async Task
        The_phone_console_at_375_by_812_never_scrolls_sideways_and_every_button_is_at_least_44px_high_at_every_step()
    {
        using var duty = await App.ApiAsync("duty");
        await duty.SetOnDutyAsync("FS01B", false); // so all three tasks go to FS01A
        var signIn = await OpenAsync("sign-in", Phone);
        await signIn.GotoAsync("/");
        await Expect(signIn.Locator("html")).ToHaveAttributeAsync("data-lang", "zh-CN");
        Assert.That(await signIn.EvaluateAsync<string[]>(LayoutProblems), Is.Empty, "sign-in page");

        var phone = await SignInAsync("fs01a", Phone);
        using var fs01a = await App.ApiAsync("fs01a");
        await App.PostWarningAsync(App.Instruction("GX-LAYOUT-ACK", riskLevel: "Low"));
        var call = await App.PostWarningAsync(App.Instruction("GX-LAYOUT-CALL", riskLevel: "Medium"));
        var visitInstruction =
            App.Instruction("GX-LAYOUT-VISIT", riskLevel: "High"); // 52,000 at risk: visit at once, call in parallel
        visitInstruction["subject"]!["contacts"] =
            new System.Text.Json.Nodes.JsonArray( // the longest a contact row gets
                new System.Text.Json.Nodes.JsonObject
                {
                    ["name"] = new string('罗', 64),
                    ["phone"] = "+861390000000000",
                    ["relation"] = new string('亲', 64)
                },
                new System.Text.Json.Nodes.JsonObject { ["phone"] = "+8613900000002" });
        var visit = await App.PostWarningAsync(visitInstruction);
        await fs01a.ActAsync(call, "acknowledge");
        await fs01a.ActAsync(visit, "acknowledge");

        var steps = new (string Id, string Status, string[] Actions, string Shot)[]
        {
            // "notes": the officer's note, offered on every step of an active task
            ("GX-LAYOUT-ACK", "Assigned", ["acknowledge", "notes"], "console-phone-1-acknowledge"),
            ("GX-LAYOUT-CALL", "PhoneWarning", ["call-result", "outcome", "attempts", "notes"],
                "console-phone-2-phone-warning"),
            ("GX-LAYOUT-VISIT", "HomeVisit", ["call-result", "arrive", "outcome", "attempts", "notes"],
                "console-phone-3-home-visit"),
        };
        foreach (var (id, status, actions, shot) in steps)
        {
            var card = Card(phone, id);
            await Expect(card).ToHaveAttributeAsync("data-status", status);
            if (await card.GetAttributeAsync("class") is not { } cls || !cls.Contains("expanded"))
                await card.Locator(".card-head").ClickAsync();
            await Expect(card).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bexpanded\b"));
            var offered = await card.Locator("button[data-action]")
                .EvaluateAllAsync<string[]>("bs => [...new Set(bs.map(b => b.dataset.action))]");
            Assert.That(offered, Is.EquivalentTo(actions), $"{id}: only the actions the {status} step allows");
            if (actions.Contains("outcome"))
            {
                await card.Locator("button[data-outcome='FundsProtected']").ClickAsync(); // shows the amount field too
                await Expect(card.Locator(".outcomes input[type='number']")).ToBeVisibleAsync();
            }
            Assert.That(await phone.EvaluateAsync<string[]>(LayoutProblems), Is.Empty, $"{id} ({status})");
            await ScreenshotAsync(phone, shot);
        }
    }

    [Test]
    public async Task The_board_on_a_large_screen_shows_tasks_map_and_detail_without_sideways_scrolling()
    {
        using var fs01a = await App.ApiAsync("fs01a");
        var acknowledged = await App.PostWarningAsync(App.Instruction("GX-BOARD-1", riskLevel: "High"));
        await App.PostWarningAsync(App.Instruction("GX-BOARD-2", riskLevel: "Medium"));
        await App.PostWarningAsync(App.Instruction("GX-BOARD-3", riskLevel: "Low", regionCode: "451202"));
        await App.PostWarningAsync(App.Instruction("GX-BOARD-4", riskLevel: "Medium", regionCode: "451203"));
        await fs01a.ActAsync(acknowledged, "acknowledge");
        var board = await SignInAsync("duty", Desktop);
        await Expect(board.Locator("#task-rows tr")).ToHaveCountAsync(4);
        await Expect(board.Locator("#map circle.task")).ToHaveCountAsync(4);
        await board.Locator("#map circle.task[data-task-id='" + acknowledged + "']")
            .ClickAsync(); // the map selects, too
        await Expect(board.Locator("#detail")).ToHaveAttributeAsync("data-task-id", acknowledged);
        await Expect(board.Locator("#detail #history li")).Not.ToHaveCountAsync(0);
        Assert.That(await board.EvaluateAsync<string[]>(LayoutProblems), Is.Empty, "in Chinese");
        await ScreenshotAsync(board, "board-desktop");
        await board.ClickAsync("#lang-switch"); // English labels are longer
        await Expect(board.Locator("html")).ToHaveAttributeAsync("data-lang", "en");
        Assert.That(await board.EvaluateAsync<string[]>(LayoutProblems), Is.Empty, "in English");

        await board.SetViewportSizeAsync(1366, 768); // a common office screen
        Assert.That(await board.EvaluateAsync<bool>(
                "document.documentElement.scrollWidth <= document.documentElement.clientWidth"), Is.True,
            "the board does not scroll sideways at 1366 px");
    }
}
