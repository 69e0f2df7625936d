using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace WarningDispatch.Browser.Tests;

/// <summary>The duty officer's board and the field officer's console, live, side by side.</summary>
public class LiveDispatchTests : BrowserTest
{
    [Test]
    public async Task
        A_bus_instruction_is_pushed_to_both_consoles_within_a_second_and_busy_moves_it_to_home_visit_live()
    {
        using var pushLatency = new PushLatency();
        var board = await SignInAsync("duty", Desktop);
        var phone = await SignInAsync("fs01a", Phone);
        foreach (var page in new[] { board, phone }) await page.EvaluateAsync("window.__sameDocument = true");
        // The first message through a fresh process pays for JIT compiling the whole path (bus, store, outbox,
        // SignalR), 0.3-0.6 s in a Debug build on two cores, where a warm one takes 30-80 ms. A service in operation
        // is warm, so one warning elsewhere in the city (庆远派出所: on the board, not on this officer's phone)
        // goes first.
        await App.PublishAsync(App.Instruction("GX-UI-WARMUP", regionCode: "451203"));
        await Expect(BoardRow(board, "GX-UI-WARMUP")).ToBeVisibleAsync();
        // At least one: the listener hears every host of this test process, and another may still be finishing.
        await Eventually.Until(() => pushLatency.Values.Count >= 1, "the warm-up's push measured");
        var measured = pushLatency.Values.Count;
        var instruction = App.Instruction("GX-UI-0001", riskLevel: "Medium");
        var issuedAt = DateTimeOffset.Parse(instruction["issuedAt"]!.GetValue<string>());

        await App.PublishAsync(instruction);
        var row = BoardRow(board, "GX-UI-0001");
        var card = Card(phone, "GX-UI-0001");
        await Expect(row).ToBeVisibleAsync();
        await Expect(card).ToBeVisibleAsync();
        // The service's own measure (received → pushed), not a stopwatch around the browser's rendering and polling.
        var pushed = await Eventually.UntilValue(
            () => pushLatency.Values.Skip(measured).Select(v => (double?)v).FirstOrDefault(),
            "the push of GX-UI-0001 measured");
        Assert.That(pushed, Is.LessThan(1000), "dispatch.push.latency (ms): received on the bus → pushed");
        TestContext.Out.WriteLine($"received → pushed in {pushed:F1} ms (dispatch.push.latency)");

        // The board: assigned to FS01A at 凤城派出所, waiting for acknowledgement, counting down.
        await Expect(row).ToHaveAttributeAsync("data-status", "Assigned");
        await Expect(row).ToContainTextAsync("FS01A");
        await Expect(row).ToContainTextAsync("凤城派出所");
        await Expect(row.Locator(".step")).ToHaveTextAsync("待签收");
        // The officer's phone: the new task rang and buzzed, and only acknowledging (and a note) is offered.
        Assert.That(await phone.EvaluateAsync<int>("window.__wd.cues"), Is.EqualTo(1), "one new-task cue");
        Assert.That(await phone.EvaluateAsync<int>("(window.__vibrations || []).length"), Is.EqualTo(1),
            "one vibration");
        await Expect(card.Locator("button[data-action]:not([data-action='notes'])")).ToHaveCountAsync(1);

        await card.Locator("button[data-action='acknowledge']").ClickAsync();
        await Expect(card).ToHaveAttributeAsync("data-status", "PhoneWarning");
        await Expect(row).ToHaveAttributeAsync("data-status", "PhoneWarning");
        await card.Locator("button[data-action='call-result'][data-result='Busy']").ClickAsync();

        // Busy → home visit; 凤城派出所 is suburban, so the visit is due 4 h after the instruction was issued.
        await Expect(row).ToHaveAttributeAsync("data-status", "HomeVisit");
        await Expect(row).ToHaveAttributeAsync("data-version", "3");
        await Expect(row.Locator(".step")).ToHaveTextAsync("上门劝阻");
        var deadline = DateTimeOffset.Parse((await row.Locator("td.deadline").GetAttributeAsync("data-deadline"))!);
        Assert.That(deadline, Is.EqualTo(issuedAt.AddHours(4)), "home-visit deadline on the board");
        await Expect(row.Locator("td.deadline small")).ToHaveTextAsync("上门时限");
        await Expect(row.Locator("td.deadline .clock")).ToHaveTextAsync(new Regex(@"^3:5[89]:\d\d$"),
            new() { Timeout = 2000 });
        await Expect(card).ToHaveAttributeAsync("data-status", "HomeVisit");
        await Expect(card.Locator("button[data-action='arrive']")).ToBeVisibleAsync();
        foreach (var page in new[] { board, phone })
            Assert.That(await page.EvaluateAsync<bool>("window.__sameDocument === true"), Is.True,
                "no page was reloaded");
    }

    [Test]
    public async Task The_board_recovers_from_a_dropped_connection_with_exactly_the_servers_tasks_at_their_versions()
    {
        var duty = await App.ApiAsync("duty");
        var fs01a = await App.ApiAsync("fs01a");
        var fs01b = await App.ApiAsync("fs01b");
        var toAcknowledge = await App.PostWarningAsync(App.Instruction("GX-RC-A"));              // → FS01A
        var toResolve = await App.PostWarningAsync(App.Instruction("GX-RC-B"));                 // → FS01B
        var toReassign = await App.PostWarningAsync(App.Instruction("GX-RC-C", regionCode: "451202")); // → JC01A
        var board = await SignInAsync("duty", Desktop);
        await ExpectRows(board, await duty.TasksAsync());

        await board.EvaluateAsync("window.__wd.hub.stop()");
        await Expect(board.Locator("#connection")).ToHaveAttributeAsync("data-state", "disconnected");

        // While the board is cut off: one task moves on, one is resolved, one is reassigned, one is new.
        await fs01a.ActAsync(toAcknowledge, "acknowledge");
        await fs01b.ActAsync(toResolve, "acknowledge");
        await fs01b.ActAsync(toResolve, "call-result", new { result = "ReachedAndDissuaded" });
        await duty.ActAsync(toReassign, "assign", new { officerId = "JC01B" });
        await App.PublishAsync(App.Instruction("GX-RC-D"));
        var server = await Eventually.Until(async () =>
            await duty.TasksAsync() is { Count: 3 } list && list.Any(t => Id(t) == "GX-RC-D") ? list : null,
            "the server's three active tasks, GX-RC-D among them");

        // It really missed them: the board still shows what it had.
        await Expect(BoardRow(board, "GX-RC-A")).ToHaveAttributeAsync("data-version", "1");
        await Expect(BoardRow(board, "GX-RC-B")).ToBeVisibleAsync();
        await Expect(BoardRow(board, "GX-RC-D")).ToHaveCountAsync(0);

        await board.EvaluateAsync("window.__wd.hub.start()");
        await Expect(board.Locator("#connection")).ToHaveAttributeAsync("data-state", "connected");
        await ExpectRows(board, server);
        await Expect(BoardRow(board, "GX-RC-A")).ToHaveAttributeAsync("data-status", "PhoneWarning");
        await Expect(BoardRow(board, "GX-RC-C")).ToContainTextAsync("JC01B");
        await Expect(board.Locator("#c-active")).ToHaveTextAsync("3");
        await Expect(board.Locator("#c-resolved")).ToHaveTextAsync("1");
        await Expect(board.Locator("#c-success")).ToHaveTextAsync("100%");

        // And it is live again: the next change arrives by push.
        await fs01a.ActAsync(toAcknowledge, "call-result", new { result = "NoAnswer" });
        await Expect(BoardRow(board, "GX-RC-A")).ToHaveAttributeAsync("data-status", "HomeVisit");
        await ExpectRows(board, await duty.TasksAsync());
    }

    [Test]
    public async Task Field_actions_taken_without_a_connection_are_queued_and_sent_once_when_it_returns()
    {
        var phone = await SignInAsync("fs01a", Phone);
        var fs01a = await App.ApiAsync("fs01a");
        var taskId = await App.PostWarningAsync(App.Instruction("GX-FLAKY-1"));
        var card = Card(phone, "GX-FLAKY-1");
        await Expect(card).ToBeVisibleAsync();

        // A dead spot: every action request fails on the network. Later the network is only flaky: the next request
        // reaches the server but its answer is lost on the way back; after that, requests go through.
        var sent = new List<(string Action, string ActionId)>();
        var network = "dead";
        await phone.RouteAsync("**/api/tasks/*/*", async route =>
        {
            Record(sent, route.Request);
            switch (network)
            {
                case "dead":
                    await route.AbortAsync("internetdisconnected");
                    break;
                case "answer lost":
                    network = "up";
                    await route.FetchAsync();
                    await route.AbortAsync("connectionreset");
                    break;
                default:
                    await route.ContinueAsync();
                    break;
            }
        });
        await card.Locator("button[data-action='acknowledge']").ClickAsync();
        // Queued, not guessed: the step stays the server's, and what comes next is the server's answer to say.
        await Expect(card.Locator(".badge.queued")).ToBeVisibleAsync();
        await Expect(card).ToHaveAttributeAsync("data-status", "Assigned");
        await Expect(card.Locator("button[data-action]")).ToHaveCountAsync(0);
        await Expect(phone.Locator("#queue-status")).ToContainTextAsync("1");
        Assert.That((await fs01a.TaskAsync(taskId)).GetProperty("version").GetInt32(), Is.EqualTo(1),
            "nothing reached the server");

        // The queue survives closing the page.
        await phone.ReloadAsync();
        await Expect(Card(phone, "GX-FLAKY-1").Locator(".badge.queued")).ToBeVisibleAsync();
        await Expect(phone.Locator("#queue-status")).ToContainTextAsync("1");

        network = "answer lost";
        await phone.EvaluateAsync("window.dispatchEvent(new Event('online'))");
        await Expect(phone.Locator("#queue-status")).ToBeHiddenAsync(new() { Timeout = 15_000 });
        await Expect(Card(phone, "GX-FLAKY-1")).ToHaveAttributeAsync("data-status", "PhoneWarning");
        await Expect(Card(phone, "GX-FLAKY-1").Locator(".badge.queued")).ToHaveCountAsync(0);
        // Now the server offers the call result, and the officer records it.
        await Card(phone, "GX-FLAKY-1").Locator("button[data-action='call-result'][data-result='Busy']").ClickAsync();
        await Expect(Card(phone, "GX-FLAKY-1")).ToHaveAttributeAsync("data-status", "HomeVisit");

        // Each action was applied exactly once, although the acknowledgement went out again with the same id.
        var task = await fs01a.TaskAsync(taskId);
        Assert.That(task.GetProperty("status").GetString(), Is.EqualTo("HomeVisit"));
        Assert.That(task.GetProperty("version").GetInt32(), Is.EqualTo(3), "1 + acknowledge + busy");
        var steps = task.GetProperty("history").EnumerateArray()
            .Select(h => h.GetProperty("code").GetString()).ToList();
        Assert.That(steps.Count(s => s == "Acknowledged"), Is.EqualTo(1));
        Assert.That(steps.Count(s => s == "CallRecorded"), Is.EqualTo(1));
        var acknowledgements = sent.Where(s => s.Action == "acknowledge").Select(s => s.ActionId).ToList();
        Assert.That(acknowledgements.Count, Is.GreaterThanOrEqualTo(3),
            "tried offline, after the reload, and after the lost answer");
        Assert.That(acknowledgements.Distinct().Count(), Is.EqualTo(1), "every retry carried the same action id");
    }

    [Test]
    public async Task
        The_duty_officer_requires_a_home_visit_from_the_board_and_the_officers_outcome_lands_in_todays_counters()
    {
        var board = await SignInAsync("duty", Desktop);
        var phone = await SignInAsync("fs01a", Phone);
        await App.PublishAsync(App.Instruction("GX-ESC-1"));
        var card = Card(phone, "GX-ESC-1");
        await card.Locator("button[data-action='acknowledge']").ClickAsync();
        var row = BoardRow(board, "GX-ESC-1");
        await Expect(row).ToHaveAttributeAsync("data-status", "PhoneWarning");

        await row.ClickAsync();
        await board.ClickAsync("#detail button[data-action='escalate']");
        await Expect(row).ToHaveAttributeAsync("data-status", "HomeVisit");
        await Expect(board.Locator("#detail button[data-action='escalate']"))
            .ToHaveCountAsync(0); // a visit is already required
        await Expect(board.Locator("#detail #history li[data-step='HomeVisit']"))
            .ToContainTextAsync("值班员 duty 要求上门");
        await Expect(card).ToHaveAttributeAsync("data-status", "HomeVisit");

        // On scene, the officer records the money kept: two steps, so a stray tap closes nothing.
        await card.Locator("button[data-action='arrive']").ClickAsync();
        await Expect(card.Locator("button[data-action='arrive']")).ToHaveCountAsync(0);
        await Expect(row.Locator(".badge.scene")).ToBeVisibleAsync();
        await card.Locator("button[data-outcome='FundsProtected']").ClickAsync();
        await Expect(card.Locator("button[data-action='outcome']")).ToBeDisabledAsync(); // needs the amount first
        await card.Locator(".outcomes input[type='number']").FillAsync("52000");
        await card.Locator("button[data-action='outcome']").ClickAsync();
        // Resolving is held a few seconds with an undo (PhoneSafeActionTests), then sent.
        await Expect(card.Locator("section.hold button[data-action='undo']")).ToBeVisibleAsync();

        await Expect(Card(phone, "GX-ESC-1")).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        await Expect(phone.Locator("#done-tasks li[data-status='Resolved']")).ToHaveCountAsync(1);
        await Expect(row).ToHaveCountAsync(0); // the board lists active tasks only
        await Expect(board.Locator("#c-active")).ToHaveTextAsync("0");
        await Expect(board.Locator("#c-resolved")).ToHaveTextAsync("1");
        await Expect(board.Locator("#c-success")).ToHaveTextAsync("100%");
        await Expect(board.Locator("#c-protected")).ToHaveTextAsync("¥52,000");
    }

    [Test]
    public async Task
        An_unrouted_task_tops_the_board_until_the_duty_officer_assigns_it_and_the_filters_narrow_the_list()
    {
        // 451202 → 金城江派出所
        await App.PostWarningAsync(App.Instruction("GX-FILTER-JC", riskLevel: "Low", regionCode: "451202"));
        var board = await SignInAsync("duty", Desktop);
        var unrouted =
            App.Instruction("GX-FILTER-NOWHERE", riskLevel: "Low", regionCode: "110101"); // no post covers it
        unrouted["subject"]!.AsObject().Remove("location");
        await App.PublishAsync(unrouted);

        var row = BoardRow(board, "GX-FILTER-NOWHERE");
        await Expect(row).ToHaveAttributeAsync("data-status", "Unrouted");
        await Expect(board.Locator("#task-rows tr").First)
            .ToHaveAttributeAsync("data-instruction-id", "GX-FILTER-NOWHERE"); // nobody holds it: on top
        await Expect(board.Locator("#c-unrouted")).ToHaveTextAsync("1");
        await Expect(row.Locator("[data-flag='needs-duty-officer']")).ToBeVisibleAsync();

        // Filters: the unrouted counter, county, risk, and the instruction id search.
        await board.ClickAsync(".counter[data-counter='unrouted']");
        await Expect(board.Locator("#task-rows tr")).ToHaveCountAsync(1);
        await board.ClickAsync(".counter[data-counter='unrouted']");
        await Expect(board.Locator("#task-rows tr")).ToHaveCountAsync(2);
        await board.SelectOptionAsync("#f-county", "HC-JC");
        await Expect(board.Locator("#task-rows tr")).ToHaveCountAsync(1);
        await Expect(board.Locator("#task-rows tr").First).ToHaveAttributeAsync("data-instruction-id", "GX-FILTER-JC");
        await board.SelectOptionAsync("#f-risk", "High");
        await Expect(board.Locator("#task-rows tr")).ToHaveCountAsync(0);
        await Expect(board.Locator("#empty")).ToBeVisibleAsync();
        await board.ClickAsync("#filters button[type='reset']");
        await board.FillAsync("#f-search", "nowhere");
        await Expect(board.Locator("#task-rows tr")).ToHaveCountAsync(1);
        await Expect(row).ToBeVisibleAsync();

        await row.ClickAsync();
        await board.SelectOptionAsync("#assign-officer", "JC01B");
        await Expect(board.Locator("#detail button[data-action='assign']")).ToHaveTextAsync("派单");
        await board.ClickAsync("#detail button[data-action='assign']");
        await Expect(row).ToHaveAttributeAsync("data-status", "Assigned");
        await Expect(row).ToContainTextAsync("JC01B");
        await Expect(board.Locator("#c-unrouted")).ToHaveTextAsync("0");
        await Expect(board.Locator("#detail #history li[data-step='Assigned']"))
            .ToContainTextAsync("值班员 duty 派单");
    }

    static void Record(List<(string, string)> sent, IRequest request)
    {
        var action = request.Url.Split('/').Last();
        var actionId = JsonDocument.Parse(request.PostData ?? "{}").RootElement.GetProperty("actionId").GetString()!;
        lock (sent) sent.Add((action, actionId));
    }

    static string Id(JsonElement task) => task.GetProperty("instructionId").GetString()!;

    /// <summary>Waits until the board's rows are exactly the given tasks (by id), each at the given version.</summary>
    static async Task ExpectRows(IPage board, List<JsonElement> tasks)
    {
        var expected = tasks
            .Select(t => $"{t.GetProperty("taskId").GetString()}@{t.GetProperty("version").GetInt32()}")
            .Order().ToArray();
        try
        {
            await board.WaitForFunctionAsync(
                "expected => JSON.stringify([...document.querySelectorAll('#task-rows tr')]" +
                ".map(r => `${r.dataset.taskId}@${r.dataset.version}`).sort()) === JSON.stringify(expected)",
                expected, new() { Timeout = 5000 });
        }
        catch (TimeoutException)
        {
            var shown = await board.EvaluateAsync<string[]>("[...document.querySelectorAll('#task-rows tr')]" +
                ".map(r => `${r.dataset.taskId}@${r.dataset.version}`).sort()");
            Assert.That(shown, Is.EqualTo(expected),
                "the board's rows (task@version) against GET /api/tasks?status=active");
        }
    }
}
