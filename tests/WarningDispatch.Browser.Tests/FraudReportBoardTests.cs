using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using WarningDispatch.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace WarningDispatch.Browser.Tests;

/// <summary>
/// "Defrauded after warning" on the consoles: a fraud report turns a closed task red on the board without a reload,
/// with when, how much and which report in its detail, the officer's phone shows the badge, and a report that
/// matched no warning is listed as "defrauded without a warning" — in zh-CN and English.
/// </summary>
public class FraudReportBoardTests : BrowserTest
{
    async Task PostReportAsync(string reportId, string phone, decimal amountLost)
    {
        var now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8))
            .ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
        var report = new JsonObject
        {
            ["reportId"] = reportId, ["reportedAt"] = now, ["occurredAt"] = now,
            ["subject"] = new JsonObject { ["phone"] = phone }, ["amountLost"] = amountLost,
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/fraud-reports")
        {
            Content = new StringContent(report.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Api-Key", ConsoleHost.ApiKey);
        var response = await App.NewClient().SendAsync(request);
        Assert.That((int)response.StatusCode, Is.EqualTo(202), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task A_fraud_report_turns_the_closed_task_red_live_and_an_unmatched_one_is_listed()
    {
        const string phone = "+8613755554444";
        var closed = await App.PostWarningAsync(App.Instruction("GX-FR-UI-1", phone: phone));
        await App.PostWarningAsync(App.Instruction("GX-FR-UI-2"));
        using var duty = await App.ApiAsync("duty");
        var officer = (await duty.TaskAsync(closed)).GetProperty("officerId").GetString()!.ToLowerInvariant();
        using (var field = await App.ApiAsync(officer))
        {
            await field.ActAsync(closed, "acknowledge");
            await field.ActAsync(closed, "call-result", new { result = "ReachedAndDissuaded" });
        }
        // Whole seconds on the wire: a second on, so the fraud is not before the warning.
        await Task.Delay(TimeSpan.FromSeconds(1));
        var board = await SignInAsync("duty", Desktop);
        var phoneConsole = await SignInAsync(officer, Phone);
        await Expect(BoardRow(board, "GX-FR-UI-2")).ToHaveCountAsync(1);
        await Expect(BoardRow(board, "GX-FR-UI-1")).ToHaveCountAsync(0);
        await board.EvaluateAsync("window.__sameDocument = true");

        await PostReportAsync("FR-UI-1", phone, 52000);

        var row = BoardRow(board, "GX-FR-UI-1");
        await Expect(row).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bdefrauded\b"),
            new() { Timeout = 10_000 });
        await Expect(row.Locator(".badge.defrauded")).ToHaveTextAsync("预后被骗");
        Assert.That(await board.EvaluateAsync<bool>("window.__sameDocument === true"), "no reload");
        Assert.That(await row.EvaluateAsync<string>("r => getComputedStyle(r).backgroundColor"),
            Is.EqualTo("rgb(76, 13, 18)"), "an alarm-red row");
        await Expect(BoardRow(board, "GX-FR-UI-2").Locator(".badge.defrauded")).ToHaveCountAsync(0);
        await Expect(phoneConsole.Locator($"#done-tasks li[data-task-id='{closed}'] .badge.defrauded"))
            .ToHaveTextAsync("预后被骗");
        await row.ClickAsync();
        var detail = board.Locator("#detail .fields.defrauded");
        await Expect(detail).ToHaveAttributeAsync("data-report-id", "FR-UI-1");
        await Expect(detail).ToContainTextAsync("损失金额");
        await Expect(detail).ToContainTextAsync("52,000");
        await Expect(board.Locator("#history li[data-step='DefraudedAfterWarning']")).ToContainTextAsync("预后被骗");

        await PostReportAsync("FR-UI-2", "+8613755553333", 8000);
        // Matched (to nothing) through the outbox; the card reads the list when it opens.
        using var api = await App.ClientAsync("duty");
        await Eventually.Until(async () => (await api.GetStringAsync("/api/fraud-reports?matched=false"))
            .Contains("FR-UI-2") ? "" : null, "the unmatched report listed");
        await board.Locator("#open-fraud-reports").ClickAsync();
        var unmatched = board.Locator("#fraud-reports .fraud-list li[data-report-id='FR-UI-2']");
        await Expect(unmatched).ToContainTextAsync("+86137****3333");
        await Expect(board.Locator("#fraud-reports [data-total]")).ToHaveTextAsync("共 1 条 · 第 1/1 页");
        await Expect(board.Locator("#fraud-reports .fraud-list li[data-report-id='FR-UI-1']")).ToHaveCountAsync(0);
        await ScreenshotAsync(board, "board-defrauded-zh");

        await board.Locator("#lang-switch").ClickAsync();
        await Expect(row.Locator(".badge.defrauded")).ToHaveTextAsync("Defrauded after warning");
        await Expect(detail).ToContainTextAsync("Amount lost");
        await Expect(board.Locator("#fraud-reports h2")).ToContainTextAsync("Defrauded without a warning");
        await Expect(board.Locator("#fraud-reports [data-total]")).ToHaveTextAsync("Reports: 1 · page 1 of 1");
        await ScreenshotAsync(board, "board-defrauded-en");
    }
}
