using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace WarningDispatch.Browser.Tests;

/// <summary>
/// The board at 3 a.m. on a 1920 × 1080 wall screen: urgent tasks on top in large, loud rows; a sound alarm (counted
/// through the page's own Web Audio calls) that repeats until acknowledged, starts again for a new alarm and can be
/// muted visibly; the whole board on one screen with the detail in its own drawer; a searchable reassign picker; and
/// refusals that lead with the server's reason.
/// </summary>
public class BoardAlarmTests : BrowserTest
{
    static readonly ViewportSize Wall = new() { Width = 1920, Height = 1080 };

    /// <summary>Every oscillator the page starts, with its frequency: what the speakers would play.</summary>
    const string AudioSpy = """
        (() => {
          window.__tones = [];
          const start = OscillatorNode.prototype.start;
          OscillatorNode.prototype.start = function (...args) {
            window.__tones.push(this.frequency.value);
            return start.apply(this, args);
          };
        })();
        """;

    async Task<IPage> BoardAsync(string locale = "zh-CN")
    {
        var page = await OpenAsync("duty", Wall, locale);
        await page.AddInitScriptAsync(AudioSpy);
        await page.GotoAsync("/");
        await page.FillAsync("#username", "duty");
        await page.FillAsync("#password", "demo");
        await page.ClickAsync("#signin");
        await Expect(page.Locator("#connection"))
            .ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 15_000 });
        return page;
    }

    static Task<int> Tones(IPage page) => page.EvaluateAsync<int>("window.__tones.length");

    /// <summary>Until the page has started at least n tones (a function, not a string: the CSP forbids eval).</summary>
    static Task AtLeastTonesAsync(IPage page, int n) => page.WaitForFunctionAsync("n => window.__tones.length >= n", n);

    /// <summary>Waits (on the page's own once-a-second alarm check) long enough for a repeat.</summary>
    static async Task LongerThanARepeatAsync(IPage page)
    {
        var checks = int.Parse((await page.Locator("#alarms").GetAttributeAsync("data-checks"))!);
        await page.WaitForFunctionAsync(
            "n => Number(document.getElementById('alarms').dataset.checks) >= n", checks + 6);
    }

    JsonObject Unrouted(string instructionId, string riskLevel = "High")
    {
        var json = App.Instruction(instructionId, riskLevel: riskLevel, regionCode: "110101"); // no post covers it
        json["subject"]!.AsObject().Remove("location");
        return json;
    }

    [Test]
    public async Task Unrouted_high_risk_and_breached_tasks_sound_until_the_alarm_is_acknowledged_and_stay_on_top()
    {
        await App.PostWarningAsync(App.Instruction("GX-CALM-1", riskLevel: "Low"));
        await App.PostWarningAsync(App.Instruction("GX-CALM-2", riskLevel: "Medium", regionCode: "451202"));
        var board = await BoardAsync();
        await Expect(board.Locator("#task-rows tr")).ToHaveCountAsync(2);
        var alarms = board.Locator("#alarms");
        await Expect(alarms).ToHaveAttributeAsync("data-alarm", "none");
        await Expect(board.Locator("#sound-enable")).ToHaveTextAsync("启用声音警报");
        await board.ClickAsync("#sound-enable"); // the user gesture browsers want before any sound
        await Expect(board.Locator("#sound-enable")).ToBeHiddenAsync();
        Assert.That(await Tones(board), Is.EqualTo(0), "no alarm, no sound");

        await App.PublishAsync(Unrouted("GX-ALARM-UNROUTED"));
        await Expect(board.Locator("#task-rows tr").First)
            .ToHaveAttributeAsync("data-instruction-id", "GX-ALARM-UNROUTED");
        await Expect(BoardRow(board, "GX-ALARM-UNROUTED")).ToHaveClassAsync(new Regex(@"\burgent-critical\b"));
        await Expect(alarms).ToHaveAttributeAsync("data-pending", "critical");
        await Expect(board.Locator("#alarm-status")).ToContainTextAsync("紧急警报");
        await AtLeastTonesAsync(board, 3);
        Assert.That(await board.EvaluateAsync<double[]>("window.__tones"), Has.All.EqualTo(988),
            "the critical pattern");
        var first = await Tones(board);
        await AtLeastTonesAsync(board, first + 3); // it repeats while unacknowledged

        await board.ClickAsync("#alarm-ack");
        await Expect(alarms).ToHaveAttributeAsync("data-pending", "none");
        await Expect(board.Locator("#alarm-status")).ToContainTextAsync("警报已确认");
        // The alarm is acknowledged, the task is not: it stays urgent.
        await Expect(BoardRow(board, "GX-ALARM-UNROUTED")).ToHaveClassAsync(new Regex(@"\burgent\b"));
        var acknowledged = await Tones(board);
        await LongerThanARepeatAsync(board);
        Assert.That(await Tones(board), Is.EqualTo(acknowledged), "silent after the alarm was acknowledged");

        // A task whose home visit was due long ago: breached on arrival, a new alarm, so the sound starts again.
        var breached = App.Instruction("GX-ALARM-BREACHED", riskLevel: "High");
        breached["issuedAt"] = App.Now.AddHours(-5).ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-ddTHH:mm:sszzz");
        await App.PublishAsync(breached);
        var breachedRow = BoardRow(board, "GX-ALARM-BREACHED");
        await Expect(breachedRow.Locator("[data-visit='100']")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Expect(breachedRow).ToHaveClassAsync(new Regex(@"\burgent-critical\b"));
        await Expect(alarms).ToHaveAttributeAsync("data-pending", "critical");
        await AtLeastTonesAsync(board, acknowledged + 3);

        // Urgent above ordinary, in larger type and a loud colour; ordinary rows calm; urgent counters the loudest.
        var order = await board.EvaluateAsync<string[]>(
            "[...document.querySelectorAll('#task-rows tr')].map(r => r.classList.contains('urgent') ? 'U' : 'o')");
        Assert.That(string.Join("", order), Is.EqualTo("UUoo"), "urgent rows first");
        var sizes = await board.EvaluateAsync<Dictionary<string, double>>("""
            () => {
              const px = (sel) => parseFloat(getComputedStyle(document.querySelector(sel)).fontSize);
              return {
                urgent: Math.min(px('#task-rows tr.urgent td.instruction .mono'), px('#task-rows tr.urgent td.post')),
                calm: px('#task-rows tr:not(.urgent) td.post'),
                unrouted: px('#c-unrouted'), overdue: px('#c-overdue'),
                success: px('#c-success'), money: px('#c-protected'),
              };
            }
            """);
        Assert.That(sizes["urgent"], Is.GreaterThanOrEqualTo(22), "urgent row text");
        Assert.That(sizes["calm"], Is.LessThan(sizes["urgent"]), "ordinary rows smaller");
        Assert.That(sizes["unrouted"],
            Is.GreaterThanOrEqualTo(48).And.GreaterThan(sizes["success"]).And.GreaterThan(sizes["money"]));
        Assert.That(sizes["overdue"], Is.GreaterThanOrEqualTo(48).And.GreaterThan(sizes["success"]));
        var calmBackground = await board.EvaluateAsync<string>(
            "getComputedStyle(document.querySelector('#task-rows tr:not(.urgent)')).backgroundColor");
        var urgentBackground = await BoardRow(board, "GX-ALARM-UNROUTED")
            .EvaluateAsync<string>("r => getComputedStyle(r).backgroundColor");
        Assert.That(urgentBackground, Is.Not.EqualTo(calmBackground), "urgent rows have a colour of their own");
        await ScreenshotAsync(board, "board-wall-alarm");

        // Mute: visible until when, and silent even for a new alarm; unmuting sounds it.
        await board.ClickAsync("#alarm-ack");
        await board.ClickAsync("#alarms button[data-mute='5']");
        await Expect(board.Locator("#alarm-muted")).ToBeVisibleAsync();
        await Expect(board.Locator("#alarm-muted")).ToContainTextAsync(new Regex(@"已静音至 \d\d:\d\d"));
        await Expect(alarms).ToHaveAttributeAsync("data-sounding", "false");
        var muted = await Tones(board);
        await App.PublishAsync(Unrouted("GX-ALARM-UNROUTED-2"));
        await Expect(BoardRow(board, "GX-ALARM-UNROUTED-2")).ToHaveClassAsync(new Regex(@"\burgent-critical\b"));
        await Expect(alarms).ToHaveAttributeAsync("data-pending", "critical");
        await LongerThanARepeatAsync(board);
        Assert.That(await Tones(board), Is.EqualTo(muted), "muted: no sound for a new alarm either");

        await board.ClickAsync("#lang-switch");
        await Expect(board.Locator("html")).ToHaveAttributeAsync("data-lang", "en");
        await Expect(board.Locator("#alarm-muted")).ToContainTextAsync(new Regex(@"Muted until \d\d:\d\d"));
        await Expect(board.Locator("#alarm-ack")).ToHaveTextAsync("Acknowledge alarm");
        await Expect(board.Locator("#alarm-status"))
            .ToContainTextAsync("Critical alarm: tasks needing the duty officer: 1");
        await board.ClickAsync("#alarm-unmute");
        await Expect(board.Locator("#alarm-muted")).ToBeHiddenAsync();
        await AtLeastTonesAsync(board, muted + 3);
    }

    [Test]
    public async Task The_board_is_on_one_screen_the_detail_hides_technical_fields_and_the_picker_filters()
    {
        using var duty = await App.ApiAsync("duty");
        await App.PublishAsync(Unrouted("GX-SCREEN-UNROUTED", riskLevel: "Low"));
        var taskId = await App.PostWarningAsync(App.Instruction("GX-SCREEN-1"));
        var officerId = (await duty.TaskAsync(taskId)).GetProperty("officerId").GetString()!;
        using var officer = await App.ApiAsync(officerId.ToLowerInvariant());
        await officer.ActAsync(taskId, "acknowledge");
        await officer.ActAsync(taskId, "call-result", new { result = "Busy" });
        for (var i = 0; i < 14; i++)
            await App.PostWarningAsync(App.Instruction($"GX-SCREEN-{i + 2:D2}", riskLevel: "Low",
                regionCode: i % 2 == 0 ? "451202" : "451203"));
        var board = await BoardAsync();
        await Expect(board.Locator("#task-rows tr")).ToHaveCountAsync(16);
        await Expect(board.Locator("#sound-enable")).ToBeVisibleAsync(); // until the officer enables sound

        await Expect(board.Locator("#task-rows tr").First).ToBeInViewportAsync(new() { Ratio = 1 });
        await BoardRow(board, "GX-SCREEN-1").ClickAsync();
        var detail = board.Locator("#detail");
        await Expect(detail).ToHaveAttributeAsync("data-task-id", taskId);
        var history = board.Locator("#detail #history");
        await Expect(history.Locator("li")).Not.ToHaveCountAsync(0);
        await history.Locator("li").Last.ScrollIntoViewIfNeededAsync(); // reading the history scrolls the drawer only
        await Expect(history.Locator("li").Last).ToBeInViewportAsync();
        Assert.That(await board.EvaluateAsync<bool>("document.scrollingElement.scrollHeight <= innerHeight"), Is.True,
            "the page itself never scrolls at 1920 × 1080");
        Assert.That(await board.EvaluateAsync<int>("scrollY"), Is.EqualTo(0));
        string[] onScreen =
            [".topbar", "#c-unrouted", "#c-overdue", "#c-protected", ".table-wrap", "#task-rows tr.selected"];
        foreach (var selector in onScreen)
            await Expect(board.Locator(selector)).ToBeInViewportAsync(new() { Ratio = 1 });
        Assert.That(await board.EvaluateAsync<bool>(
            "document.documentElement.scrollWidth <= innerWidth && [...document.querySelectorAll('.table-wrap')]" +
            ".every(w => w.scrollWidth <= w.clientWidth + 1)"), Is.True, "nothing scrolls sideways");

        // Only what a duty officer needs: no version, no 32-character task id unless technical details are opened.
        await Expect(detail.GetByText(taskId)).ToBeHiddenAsync();
        await Expect(detail.Locator("#technical summary")).ToHaveTextAsync("技术信息");
        await detail.Locator("#technical summary").ClickAsync();
        await Expect(detail.GetByText(taskId)).ToBeVisibleAsync();
        await ScreenshotAsync(board, "board-wall-detail");

        // The picker: ranked as before (same post first), filtered by what is typed (id, name or post).
        var options = detail.Locator("#assign-officer option");
        var other = officerId == "FS01A" ? "FS01B" : "FS01A";
        await Expect(options.First).ToHaveAttributeAsync("value", other);
        var all = await options.CountAsync();
        Assert.That(all, Is.GreaterThan(2));
        await detail.Locator("#assign-search").FillAsync("jc01");
        await Expect(options).Not.ToHaveCountAsync(all);
        Assert.That(await options.EvaluateAllAsync<string[]>("os => os.map(o => o.value)"), Has.All.StartsWith("JC01"));
        await Expect(detail.Locator("#assign-count")).ToContainTextAsync("名在岗民警");
        await detail.Locator("#assign-search").FillAsync("金城江");
        Assert.That(await options.EvaluateAllAsync<string[]>("os => os.map(o => o.value)"), Has.All.StartsWith("JC"));
        await detail.Locator("#assign-search").FillAsync("nobody-like-this");
        await Expect(options).ToHaveCountAsync(0);
        await Expect(detail.Locator("button[data-action='assign']")).ToBeDisabledAsync();

        // A refusal leads with the server's reason: the officer went off duty after the list was read.
        await detail.Locator("#assign-search").FillAsync(other);
        await Expect(options).ToHaveCountAsync(1);
        await duty.SetOnDutyAsync(other, false);
        await detail.Locator("button[data-action='assign']").ClickAsync();
        await Expect(board.Locator("#action-error")).ToHaveTextAsync(new Regex($"^民警 {other} 不在岗"));

        await board.ClickAsync("#lang-switch");
        await Expect(board.Locator("html")).ToHaveAttributeAsync("data-lang", "en");
        await Expect(detail.Locator("#technical summary")).ToHaveTextAsync("Technical details");
        await Expect(board.Locator("#sound-enable")).ToHaveTextAsync("Enable sound alarms");
        await Expect(board.Locator("#alarms button[data-mute='15']")).ToHaveTextAsync("Mute 15 min");
    }
}
