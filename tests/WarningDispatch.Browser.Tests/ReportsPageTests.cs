using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MiniExcelLibs;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace WarningDispatch.Browser.Tests;

/// <summary>
/// The reports page and the board's counters in Chromium, for a day seeded through the API: the figures and charts
/// on screen, and the csv and xlsx downloads with the same numbers, in zh-CN and English.
/// </summary>
public class ReportsPageTests : BrowserTest
{
    /// <summary>Today in Fengshan: one warning dissuaded on the phone, one with 8,000 CNY protected on a visit, one
    /// open; one in Jinchengjiang.</summary>
    async Task<JsonElement> SeedAsync()
    {
        using var fs01a = await App.ApiAsync("fs01a");
        var dissuaded = await App.PostWarningAsync(App.Instruction("GX-RPT-1"));
        await fs01a.ActAsync(dissuaded, "acknowledge");
        await fs01a.ActAsync(dissuaded, "call-result", new { result = "ReachedAndDissuaded" });
        var visited = await App.PostWarningAsync(App.Instruction("GX-RPT-2"));
        await fs01a.ActAsync(visited, "acknowledge");
        await fs01a.ActAsync(visited, "call-result", new { result = "NoAnswer" });
        await fs01a.ActAsync(visited, "arrive");
        await fs01a.ActAsync(visited, "outcome", new { outcome = "FundsProtected", amount = 8000 });
        await App.PostWarningAsync(App.Instruction("GX-RPT-3"));
        await App.PostWarningAsync(App.Instruction("GX-RPT-JC", regionCode: "451202"));
        using var http = await App.ClientAsync("duty.fs");
        return await http.GetFromJsonAsync<JsonElement>("/api/reports/summary");
    }

    [Test]
    public async Task The_board_counters_show_todays_summary_and_the_reports_page_its_figures_charts_and_files()
    {
        var summary = await SeedAsync();
        Assert.That(summary.GetProperty("received").GetInt32(), Is.EqualTo(3));
        var page = await SignInAsync("duty.fs", Desktop);

        await Expect(page.Locator("#c-resolved")).ToHaveTextAsync(summary.GetProperty("resolved").ToString());
        await Expect(page.Locator("#c-success")).ToHaveTextAsync("100%");
        await Expect(page.Locator("#c-protected")).ToHaveTextAsync("¥8,000");

        await page.ClickAsync("#reports-link");
        await Expect(page.Locator("[data-figure='received'] b")).ToHaveTextAsync("3");
        await Expect(page.Locator("[data-figure='received'] span")).ToHaveTextAsync("接收预警");
        await Expect(page.Locator("[data-figure='homeVisits'] b")).ToHaveTextAsync("1");
        await Expect(page.Locator("[data-figure='compliance248'] b")).ToHaveTextAsync("100%");
        await Expect(page.Locator("[data-figure='dissuasionRate'] b")).ToHaveTextAsync("100%");
        await Expect(page.Locator("[data-figure='amountProtected'] b")).ToHaveTextAsync("¥8,000");
        await Expect(page.Locator("[data-figure='defraudedAfterWarning'] b")).ToHaveTextAsync("0");
        var today = summary.GetProperty("from").GetString()!;
        await Expect(page.Locator("#q-from")).ToHaveValueAsync(today);

        // Charts: one bar of 3 national-centre warnings today; p50/p90 bars of the times; Fengcheng's compliance.
        var received = page.Locator("svg[data-chart='received'] rect[data-source]");
        await Expect(received).ToHaveCountAsync(1);
        await Expect(received).ToHaveAttributeAsync("data-source", "NationalCenter");
        await Expect(received).ToHaveAttributeAsync("data-value", "3");
        await Expect(page.Locator("svg[data-chart='times'] rect[data-time='ackSeconds']")).ToHaveCountAsync(2);
        await Expect(page.Locator("svg[data-chart='times'] rect[data-time='onSceneSeconds']")).ToHaveCountAsync(2);
        await Expect(page.Locator("svg[data-chart='compliance'] rect[data-post='HC-FS-01']"))
            .ToHaveAttributeAsync("data-value", "1");
        await Expect(page.Locator("#per-post tbody tr[data-post='HC-FS-01'] td").Nth(1)).ToHaveTextAsync("3");
        await ScreenshotAsync(page, "reports-page");
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(page.Locator("#report-query")).ToBeHiddenAsync();
        await ScreenshotAsync(page, "reports-page-print");
        await page.EmulateMediaAsync(new() { Media = Media.Screen });

        var zh = await DownloadAsync(page, "#download-xlsx");
        Assert.That(zh.SuggestedFilename, Is.EqualTo($"report-HC-FS-{today}-{today}.xlsx"));
        var zhRows = SummaryRows(await File.ReadAllBytesAsync(await zh.PathAsync()), "指标", "数值");
        Assert.That((zhRows["接收预警"], zhRows["保护资金 (元)"], zhRows["劝阻成功率 (%)"]),
            Is.EqualTo(((object)3.0, (object)8000.0, (object)100.0)));
        var csv = await DownloadAsync(page, "#download-csv");
        var lines = Encoding.UTF8.GetString(await File.ReadAllBytesAsync(await csv.PathAsync())).TrimStart('\uFEFF')
            .Split("\r\n");
        Assert.That(lines, Does.Contain("接收预警,3"));
        Assert.That(lines, Does.Contain("保护资金 (元),8000"));

        await page.ClickAsync("#lang-switch");
        await Expect(page.Locator("[data-figure='received'] span")).ToHaveTextAsync("Warnings received");
        await Expect(page.Locator("[data-figure='amountProtected'] b")).ToHaveTextAsync("CN¥8,000");
        var en = await DownloadAsync(page, "#download-xlsx");
        var enRows = SummaryRows(await File.ReadAllBytesAsync(await en.PathAsync()), "Figure", "Value");
        Assert.That((enRows["Warnings received"], enRows["Amount protected (CNY)"]),
            Is.EqualTo(((object)3.0, (object)8000.0)));
        var enCsv = await DownloadAsync(page, "#download-csv");
        Assert.That(Encoding.UTF8.GetString(await File.ReadAllBytesAsync(await enCsv.PathAsync())),
            Does.Contain("Warnings received,3\r\n"));
    }

    [Test]
    public async Task The_reports_page_opens_in_english_for_an_english_reader_and_switches_the_area()
    {
        await SeedAsync();
        var page = await SignInAsync("duty", Desktop);
        await page.ClickAsync("#lang-switch");
        await page.ClickAsync("#reports-link");

        await Expect(page.Locator("[data-figure='received'] b")).ToHaveTextAsync("4");
        await Expect(page.Locator("[data-figure='received'] span")).ToHaveTextAsync("Warnings received");
        var chinese = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('[data-i18n]')]
              .filter((e) => e.checkVisibility() && /[\u3400-\u9fff]/.test(e.textContent)).map((e) => e.dataset.i18n)
            """);
        Assert.That(chinese, Is.Empty, "no label left in Chinese (names of posts are data, not labels)");
        await page.SelectOptionAsync("#q-area", "HC-FS");
        await page.ClickAsync("#report-query button[type='submit']");
        await Expect(page.Locator("[data-figure='received'] b")).ToHaveTextAsync("3");
        await Expect(page.Locator("#report-heading")).ToContainTextAsync("凤山县公安局反诈中心");
    }

    static async Task<IDownload> DownloadAsync(IPage page, string button) =>
        await page.RunAndWaitForDownloadAsync(() => page.ClickAsync(button));

    static Dictionary<string, object> SummaryRows(byte[] workbook, string figure, string value) =>
        new MemoryStream(workbook).Query(useHeaderRow: true, sheetName: "Summary")
            .Cast<IDictionary<string, object>>().ToDictionary(r => (string)r[figure], r => r[value]);
}
