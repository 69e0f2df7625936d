using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using WarningDispatch.TestSupport;

namespace WarningDispatch.Service.Tests;

/// <summary>Kept rejections: each duty officer sees their own area's, masked, a page at a time,
/// and old ones go.</summary>
public class RejectionTests
{
    static async Task<string> RejectAsync(DispatchApp app, string id, string regionCode = "451223", string? raw = null)
    {
        var bad = app.Instruction(id, regionCode: regionCode);
        bad["riskLevel"] = "Extreme";
        var response = await app.PostWarningAsync(raw ?? bad.ToJsonString());
        Assert.That(response.StatusCode, Is.AnyOf(HttpStatusCode.BadRequest, HttpStatusCode.RequestEntityTooLarge));
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rejectionId").GetString()!;
    }

    static async Task<List<string>> ListAsync(HttpClient client, string query = "") =>
        (await client.GetFromJsonAsync<List<JsonElement>>("/api/rejections" + query))!
        .Select(r => r.GetProperty("rejectionId").GetString()!).ToList();

    [Test]
    public async Task A_county_duty_officer_sees_only_rejections_of_their_county_and_the_city_sees_all()
    {
        await using var app = new DispatchApp();
        await app.StartAsync();
        var fengshan = await RejectAsync(app, "REJ-FS", "451223");
        var jinchengjiang = await RejectAsync(app, "REJ-JCJ", "451202");
        var nowhere = await RejectAsync(app, "", raw: "not json, but it has +8613800000000 in it");
        var county = await app.ClientAsync("duty.fs");
        var city = await app.ClientAsync("duty");

        Assert.That(await ListAsync(county), Is.EqualTo(new[] { fengshan }));
        Assert.That(await ListAsync(city), Is.EquivalentTo(new[] { fengshan, jinchengjiang, nowhere }));
        Assert.That((await county.GetAsync($"/api/rejections/{jinchengjiang}")).StatusCode,
            Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await county.GetAsync($"/api/rejections/{nowhere}")).StatusCode,
            Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await county.PostAsync($"/api/rejections/{jinchengjiang}/replay", null)).StatusCode,
            Is.EqualTo(HttpStatusCode.NotFound), "nor replay it");
        Assert.That((await city.GetAsync($"/api/rejections/{jinchengjiang}")).StatusCode,
            Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_kept_body_is_masked_for_a_duty_officer_without_the_right_to_personal_data()
    {
        await using var app = new DispatchApp();
        await app.StartAsync();
        var json = await RejectAsync(app, "REJ-MASK");
        var text = await RejectAsync(app, "", raw: "{ broken, name 罗某某, phone +8613800000000");
        var duty = await app.ClientAsync("duty");

        var kept = (await duty.GetFromJsonAsync<JsonElement>($"/api/rejections/{json}"))
            .GetProperty("body").GetString();
        Assert.That(kept, Does.Contain("Extreme").And.Contain("REJ-MASK"), "what is wrong stays readable");
        Assert.That(kept, Does.Not.Contain("13800000000").And.Not.Contain("某某").And.Not.Contain("凤城路")
            .And.Not.Contain("85200000000").And.Not.Contain("24.546"));
        var unreadable = (await duty.GetFromJsonAsync<JsonElement>($"/api/rejections/{text}"))
            .GetProperty("body").GetString();
        Assert.That(unreadable, Does.Not.Contain("13800000000").And.Contain("withheld"));
    }

    [Test]
    public async Task The_list_comes_newest_first_a_page_at_a_time_without_bodies()
    {
        await using var app = new DispatchApp();
        await app.StartAsync();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await RejectAsync(app, $"REJ-PAGE-{i}"));
            app.Clock.Advance(TimeSpan.FromSeconds(1));
        }
        var duty = await app.ClientAsync("duty");

        var first = await duty.GetFromJsonAsync<List<JsonElement>>("/api/rejections?limit=2");
        Assert.That(first!.Select(r => r.GetProperty("rejectionId").GetString()), Is.EqualTo(new[] { ids[4], ids[3] }));
        Assert.That(first.All(r => !r.TryGetProperty("body", out _)), Is.True, "bodies only one at a time");
        var oldest = Uri.EscapeDataString(first[^1].GetProperty("receivedAt").GetString()!);
        Assert.That(await ListAsync(duty, $"?limit=2&before={oldest}"), Is.EqualTo(new[] { ids[2], ids[1] }));
    }

    [Test]
    public async Task Rejections_are_trimmed_by_count_by_bytes_and_by_age()
    {
        await using var app = new DispatchApp(b => b
            .UseSetting("Ingest:Rejections:MaxCount", "3")
            .UseSetting("Ingest:Rejections:MaxBytes", (150 * 1024).ToString())
            .UseSetting("Ingest:Rejections:MaxAge", "01:00:00"));
        await app.StartAsync();
        var duty = await app.ClientAsync("duty");
        var byCount = new List<string>();
        for (var i = 0; i < 5; i++) byCount.Add(await RejectAsync(app, $"REJ-COUNT-{i}"));
        Assert.That(await ListAsync(duty), Is.EquivalentTo(byCount.TakeLast(3)), "the three newest");

        var large = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var big = app.Instruction($"REJ-BIG-{i}");
            big["riskLevel"] = "Extreme";
            big["padding"] = new string('p', 60 * 1024);
            large.Add(await RejectAsync(app, "", raw: big.ToJsonString()));
        }
        Assert.That(await ListAsync(duty), Is.EquivalentTo(large.TakeLast(2)),
            "three 60 KB bodies do not fit in 150 KB");

        app.Clock.Advance(TimeSpan.FromHours(2));
        var fresh = await RejectAsync(app, "REJ-FRESH");
        Assert.That(await ListAsync(duty), Is.EqualTo(new[] { fresh }), "older than an hour: gone");
        Assert.That((await duty.GetAsync($"/api/rejections/{large[^1]}")).StatusCode,
            Is.EqualTo(HttpStatusCode.NotFound));
    }
}
