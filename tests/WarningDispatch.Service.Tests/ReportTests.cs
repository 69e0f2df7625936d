using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MiniExcelLibs;
using WarningDispatch.Contracts;
using WarningDispatch.Domain.Reports;
using WarningDispatch.Domain.Routing;
using WarningDispatch.Service.Reports;
using WarningDispatch.Service.Tasks;

namespace WarningDispatch.Service.Tests;

/// <summary>
/// The centre's reports over HTTP, on the embedded store with a controllable clock: a seeded day (2026-11-21 in
/// Shanghai; the app starts at 08:20 there) gives the domain's figures as JSON, CSV and xlsx.
/// </summary>
public class ReportTests : ServiceTest
{
    const string Day = "2026-11-21";
    static readonly string[] Seeded = ["GX-REP-1", "GX-REP-2", "GX-REP-3", "GX-REP-JC"];

    Task<string> CreateAsync(string instructionId, string? regionCode = "451223") =>
        CreateAsync(App, instructionId, regionCode);

    Task SeedAsync() => SeedAsync(App);

    static async Task<string> CreateAsync(DispatchApp app, string instructionId, string? regionCode = "451223")
    {
        var instruction = app.Instruction(instructionId, regionCode: regionCode).ToJsonString();
        var response = await app.PostWarningAsync(instruction);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted),
            await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("taskId").GetString()!;
    }

    /// <summary>Three Fengshan warnings (one dissuaded, one with 3,000 CNY protected on a visit), one in
    /// Jinchengjiang, two rejected instructions (one of Fengshan, one of no readable area).</summary>
    internal static async Task SeedAsync(DispatchApp app)
    {
        var fs01a = await app.ClientAsync("fs01a");
        var dissuaded = await CreateAsync(app, "GX-REP-1");
        await EndToEndTests.Act(fs01a, $"/api/tasks/{dissuaded}/acknowledge", new { actionId = "r1-ack" });
        await app.AdvanceAsync(TimeSpan.FromSeconds(30));
        await EndToEndTests.Act(fs01a, $"/api/tasks/{dissuaded}/call-result",
            new { actionId = "r1-call", result = "ReachedAndDissuaded" });
        var protectedTask = await CreateAsync(app, "GX-REP-2");
        await EndToEndTests.Act(fs01a, $"/api/tasks/{protectedTask}/acknowledge", new { actionId = "r2-ack" });
        await EndToEndTests.Act(fs01a, $"/api/tasks/{protectedTask}/call-result",
            new { actionId = "r2-call", result = "NoAnswer" });
        await app.AdvanceAsync(TimeSpan.FromMinutes(40));
        await EndToEndTests.Act(fs01a, $"/api/tasks/{protectedTask}/arrive", new { actionId = "r2-arrive" });
        await EndToEndTests.Act(fs01a, $"/api/tasks/{protectedTask}/outcome",
            new { actionId = "r2-outcome", outcome = "FundsProtected", amount = 3000 });
        await CreateAsync(app, "GX-REP-3");
        await CreateAsync(app, "GX-REP-JC", regionCode: "451202");
        var bad = app.Instruction("GX-REP-BAD");
        bad["riskLevel"] = "Extreme";
        Assert.That((await app.PostWarningAsync(bad.ToJsonString())).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await app.PostWarningAsync("{}")).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    async Task<HttpResponseMessage> GetAsync(string username, string query, string? acceptLanguage = null)
    {
        var http = await App.ClientAsync(username);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/reports/summary?" + query);
        if (acceptLanguage is not null) request.Headers.Add("Accept-Language", acceptLanguage);
        return await http.SendAsync(request);
    }

    async Task<ReportSummary> SummaryAsync(string username, string query)
    {
        var response = await GetAsync(username, query);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ReportSummary>(DispatchApp.Json))!;
    }

    async Task<ReportSummary> DomainFiguresAsync(string areaId, long rejected)
    {
        // The seeded tasks by their instruction ids: a test reads what it made, not every task stored.
        var store = App.Services.GetRequiredService<ITaskStore>();
        var tasks = new List<WarningDispatch.Domain.Tasks.DispatchTask>();
        foreach (var id in Seeded)
            if (await store.FindByInstructionAsync(id, default) is { } taskId)
                tasks.Add((await store.GetAsync(taskId, default))!);
        Assert.That(tasks, Has.Count.EqualTo(Seeded.Length));
        var zone = App.Services.GetRequiredService<IOptions<ReportingOptions>>().Value.Zone();
        var day = DateOnly.Parse(Day);
        return ReportCalculator.Summarize(tasks.Select(t => ReportFact.Of(t, zone)), day, day, areaId,
            App.Services.GetRequiredService<PostRegistry>(), "Asia/Shanghai", rejected);
    }

    static string Json(ReportSummary s) => JsonSerializer.Serialize(s, DispatchApp.Json);

    [Test]
    public async Task A_seeded_day_gives_the_domains_figures_for_the_callers_area()
    {
        await SeedAsync();

        var city = await SummaryAsync("duty", $"from={Day}&to={Day}");
        var county = await SummaryAsync("duty.fs", $"from={Day}");

        Assert.That(Json(city), Is.EqualTo(Json(await DomainFiguresAsync("HC", rejected: 2))));
        Assert.That(Json(county), Is.EqualTo(Json(await DomainFiguresAsync("HC-FS", rejected: 1))));
        Assert.That((city.Received, county.Received), Is.EqualTo((4, 3)), "Jinchengjiang's is the city's only");
        Assert.That((county.AreaId, county.AreaName), Is.EqualTo(("HC-FS", "凤山县公安局反诈中心")));
        Assert.That((county.Resolved, county.ByOutcome["Dissuaded"], county.ByOutcome["FundsProtected"]),
            Is.EqualTo((2, 1, 1)));
        Assert.That((county.AmountProtected, county.DissuasionRate, county.HomeVisits, county.Compliance248),
            Is.EqualTo((3000m, (double?)1.0, 1, (double?)1.0)));
        Assert.That((city.Rejected, county.Rejected), Is.EqualTo((2L, 1L)),
            "the city centre also counts the rejection of no readable area");
        Assert.That(county.AckSeconds.Count, Is.EqualTo(2));
        Assert.That(county.PerPost.Select(p => (p.PostId, p.Received)), Is.EqualTo(new[] { ("HC-FS-01", 3) }));
        Assert.That(county.Days.Single().Received, Is.EqualTo(3));
        Assert.That((await SummaryAsync("duty", "from=2026-11-20")).Received, Is.Zero, "the day before");
    }

    [Test]
    public async Task Without_dates_the_summary_is_todays_in_Shanghai_as_the_board_shows_it()
    {
        await SeedAsync();
        await App.AdvanceAsync(new DateTimeOffset(2026, 11, 21, 16, 0, 0, TimeSpan.Zero) - App.Now);
        await CreateAsync("GX-REP-NEXT-DAY"); // midnight in Shanghai: the next day's

        var today = await SummaryAsync("duty", "");
        Assert.That((today.From, today.To), Is.EqualTo((new DateOnly(2026, 11, 22), new DateOnly(2026, 11, 22))));
        Assert.That((today.Received, today.Resolved), Is.EqualTo((1, 0)), "yesterday's resolved ones are not today's");
        Assert.That(Json(today), Is.EqualTo(Json(await SummaryAsync("duty", "from=2026-11-22&to=2026-11-22"))));
    }

    [TestCase("duty.fs", "areaId=HC", "the centre above")]
    [TestCase("duty.fs", "areaId=HC-JC", "a sibling county")]
    [TestCase("fs01a", "", "a field officer")]
    public async Task Another_area_or_a_field_officer_is_refused(string username, string query, string why)
    {
        var response = await GetAsync(username, query);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), why);
    }

    [Test]
    public async Task An_area_below_the_callers_is_reported()
    {
        await SeedAsync();
        Assert.That((await SummaryAsync("duty", $"from={Day}&areaId=HC-FS")).Received, Is.EqualTo(3));
        Assert.That((await SummaryAsync("duty.fs", $"from={Day}&areaId=HC-FS-01")).Received, Is.EqualTo(3),
            "a station: the tasks it holds");
    }

    [TestCase("from=2026-13-01", "from", "DateFormat")]
    [TestCase("from=2026-11-21&to=21.11.2026", "to", "DateFormat")]
    [TestCase("from=2026-11-22&to=2026-11-21", "from", "DateOrder")]
    [TestCase("from=2025-01-01&to=2026-11-21", "to", "DateRangeTooLong")]
    [TestCase("areaId=%E2%80%AEHC", "areaId", "InvalidValue")]
    [TestCase("format=pdf", "format", "InvalidValue")]
    [TestCase("lang=fr", "lang", "InvalidValue")]
    public async Task A_bad_query_is_answered_with_the_field_in_chinese_first(string query, string field, string code)
    {
        var response = await GetAsync("duty", query);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(problem.GetProperty("code").GetString(), Is.EqualTo(code));
        Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True, problem.GetRawText());
        Assert.That(problem.GetProperty("detail").GetString(), Does.Match(@"^[^(]*\p{IsCJKUnifiedIdeographs}[^(]* \("));
    }

    [Test]
    public async Task The_csv_carries_the_same_numbers_with_chinese_headers_and_a_byte_order_mark()
    {
        await SeedAsync();
        var summary = await SummaryAsync("duty.fs", $"from={Day}");

        var response = await GetAsync("duty.fs", $"from={Day}&format=csv");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentDisposition?.FileName?.Trim('"'),
            Is.EqualTo($"report-HC-FS-{Day}-{Day}.csv"));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.That(bytes[..3], Is.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }));
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.That(lines[0], Is.EqualTo("指标,数值"));
        Assert.That(lines, Does.Contain($"接收预警,{summary.Received}"));
        Assert.That(lines, Does.Contain("接收预警 · 国家反诈中心,3"));
        Assert.That(lines, Does.Contain($"保护资金 (元),{summary.AmountProtected}"));
        Assert.That(lines, Does.Contain("劝阻成功率 (%),100"));
        Assert.That(lines, Does.Contain("不合规指令,1"));
        var table = lines.SkipWhile(l => l != "").Skip(1).Where(l => l != "").ToList();
        Assert.That(table[0], Does.StartWith("单位编号,单位,接收预警,已办结,"));
        Assert.That(table[1], Does.StartWith("HC-FS-01,凤山县公安局凤城派出所,3,2,"));
    }

    [Test]
    public async Task The_xlsx_is_a_real_workbook_with_numbers_in_the_readers_language()
    {
        await SeedAsync();
        var summary = await SummaryAsync("duty.fs", $"from={Day}");

        var zh = await Workbook(await GetAsync("duty.fs", $"from={Day}&format=xlsx"));
        var en = await Workbook(await GetAsync("duty.fs", $"from={Day}&format=xlsx&lang=en"));
        var byBrowser = await Workbook(await GetAsync("duty.fs", $"from={Day}&format=xlsx", "en-GB,en;q=0.9"));

        var zhRows = Rows(zh, ReportExport.SummarySheet).ToDictionary(r => (string)r["指标"], r => r["数值"]);
        Assert.That(zhRows["接收预警"], Is.EqualTo((double)summary.Received), "a number, not text");
        Assert.That(zhRows["保护资金 (元)"], Is.EqualTo(3000.0));
        Assert.That(zhRows["248达标率 (%)"], Is.EqualTo(100.0));
        var enRows = Rows(en, ReportExport.SummarySheet).ToDictionary(r => (string)r["Figure"], r => r["Value"]);
        Assert.That(enRows["Warnings received"], Is.EqualTo((double)summary.Received));
        Assert.That(enRows["Instructions rejected"], Is.EqualTo(1.0));
        Assert.That(Rows(byBrowser, ReportExport.SummarySheet)[0].Keys, Does.Contain("Figure"), "Accept-Language");

        var post = Rows(en, ReportExport.PerPostSheet).Single();
        var row = summary.PerPost.Single();
        Assert.That((post["Post id"], post["Warnings received"], post["Resolved"]),
            Is.EqualTo(((object)"HC-FS-01", (object)(double)row.Received, (object)(double)row.Resolved)));
        Assert.That(post["Time to acknowledge p50 (s)"], Is.EqualTo(row.AckSeconds.P50));
        Assert.That(Rows(zh, ReportExport.PerPostSheet).Single()["单位"],
            Is.EqualTo("凤山县公安局凤城派出所"));
    }

    static async Task<byte[]> Workbook(HttpResponseMessage response)
    {
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType,
            Is.EqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
        return await response.Content.ReadAsByteArrayAsync();
    }

    static List<IDictionary<string, object>> Rows(byte[] workbook, string sheet) =>
        new MemoryStream(workbook).Query(useHeaderRow: true, sheetName: sheet)
            .Cast<IDictionary<string, object>>().ToList();
}
