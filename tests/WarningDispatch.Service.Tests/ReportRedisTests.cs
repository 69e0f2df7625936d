using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using WarningDispatch.Service.Storage.Redis;
using WarningDispatch.TestSupport;

namespace WarningDispatch.Service.Tests;

/// <summary>
/// The report figures on real Redis (the commit script writes the day indexes, the rejection script the day
/// counters) equal those of the embedded store for the same events at the same fake times.
/// </summary>
// A real redis-server: in the Infrastructure lane, so the Fast lane starts no server.
[Category("Infrastructure")]
public class ReportRedisTests
{
    PrivateRedis _redis = null!;

    [OneTimeSetUp]
    public async Task StartRedis()
    {
        _redis = new PrivateRedis();
        await _redis.StartAsync();
    }

    [OneTimeTearDown]
    public async Task StopRedis() => await _redis.DisposeAsync();

    /// <summary>The seeded day of <see cref="ReportTests"/>, then one warning just after midnight in Shanghai.
    /// </summary>
    static async Task<(string City, string County)> ReportsAsync(DispatchApp app)
    {
        await app.StartAsync();
        await ReportTests.SeedAsync(app);
        await app.AdvanceAsync(new DateTimeOffset(2026, 11, 21, 16, 30, 0, TimeSpan.Zero) - app.Now);
        var next = await app.PostWarningAsync(app.Instruction("GX-REP-NEXT").ToJsonString());
        Assert.That(next.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        return (await JsonAsync(app, "duty"), await JsonAsync(app, "duty.fs"));
    }

    static async Task<string> JsonAsync(DispatchApp app, string username)
    {
        var response = await (await app.ClientAsync(username))
            .GetAsync("/api/reports/summary?from=2026-11-21&to=2026-11-22");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return JsonSerializer.Serialize(await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    [Test]
    public async Task The_same_events_give_the_same_summary_on_redis_as_in_memory()
    {
        (string City, string County) embedded, redis;
        await using (var app = new DispatchApp()) embedded = await ReportsAsync(app);
        await using (var app = new DispatchApp(b =>
                         b.ConfigureTestServices(s => s.AddRedisStorage(_redis.Configuration))))
            redis = await ReportsAsync(app);

        Assert.That(redis.City, Is.EqualTo(embedded.City));
        Assert.That(redis.County, Is.EqualTo(embedded.County));
        var county = JsonDocument.Parse(redis.County).RootElement;
        Assert.That((county.GetProperty("received").GetInt32(), county.GetProperty("rejected").GetInt64()),
            Is.EqualTo((4, 1)), "three on the 21st and one on the 22nd; one rejection of Fengshan");
        Assert.That(county.GetProperty("amountProtected").GetDecimal(), Is.EqualTo(3000m));
        var keys = await _redis.Db.ExecuteAsync("KEYS", "wd:ix:report:*");
        Assert.That(((string[])keys!).Order(),
            Is.EqualTo(new[] { "wd:ix:report:2026-11-21", "wd:ix:report:2026-11-22" }),
            "the facts live under their local days");
    }
}
