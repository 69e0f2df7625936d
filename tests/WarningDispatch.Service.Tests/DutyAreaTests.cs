using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WarningDispatch.Contracts;
using WarningDispatch.Domain.Tasks;
using WarningDispatch.Service.Officers;

namespace WarningDispatch.Service.Tests;

/// <summary>A duty officer acts only within their own area: duty status and assignment.</summary>
public class DutyAreaTests : ServiceTest
{
    async Task<string> CreateAsync(string instructionId, string regionCode = "451223")
    {
        var instruction = App.Instruction(instructionId, regionCode: regionCode);
        if (regionCode != "451223") instruction["subject"]!["location"] = null;
        var response = await App.PostWarningAsync(instruction.ToJsonString());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("taskId").GetString()!;
    }

    async Task<TaskSnapshot> GetAsync(string taskId)
    {
        var duty = await App.ClientAsync("duty");
        return (await duty.GetFromJsonAsync<TaskSnapshot>($"/api/tasks/{taskId}", DispatchApp.Json))!;
    }

    async Task<bool> OnDutyAsync(string officerId) =>
        (await (await App.ClientAsync("duty")).GetFromJsonAsync<List<JsonElement>>("/api/officers"))!
        .Single(o => o.GetProperty("officerId").GetString() == officerId).GetProperty("onDuty").GetBoolean();

    static async Task AssertForbiddenAsync(HttpResponseMessage response, string reason)
    {
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(),
            Does.StartWith(reason));
    }

    [Test]
    public async Task A_county_duty_officer_cannot_take_an_officer_of_another_county_off_duty()
    {
        var taskId = await CreateAsync("GX-AREA-JC-1", regionCode: "451202");
        var before = await GetAsync(taskId);
        Assert.That(before.PostId, Does.StartWith("HC-JC-"));
        var county = await App.ClientAsync("duty.fs");

        var response = await county.PostAsJsonAsync($"/api/officers/{before.OfficerId}/duty", new { onDuty = false });

        await AssertForbiddenAsync(response, "只能变更本辖区民警的在岗状态");
        Assert.That(await OnDutyAsync(before.OfficerId!), Is.True);
        var after = await GetAsync(taskId);
        Assert.That((after.OfficerId, after.Version), Is.EqualTo((before.OfficerId, before.Version)));
    }

    [Test]
    public async Task A_county_duty_officer_sets_the_duty_of_an_officer_of_their_county_and_hears_of_the_tasks()
    {
        var taskId = await CreateAsync("GX-AREA-FS-1");
        var county = await App.ClientAsync("duty.fs");

        var response = await county.PostAsJsonAsync("/api/officers/FS01A/duty", new { onDuty = false });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var handedOver = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("handedOver");
        Assert.That(handedOver.EnumerateArray().Select(t => t.GetString()), Is.EqualTo(new[] { taskId }));
        Assert.That(await OnDutyAsync("FS01A"), Is.False);
    }

    [Test]
    public async Task A_city_duty_officer_sets_the_duty_of_an_officer_of_any_county()
    {
        var city = await App.ClientAsync("duty");

        var response = await city.PostAsJsonAsync("/api/officers/JC01A/duty", new { onDuty = false });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await OnDutyAsync("JC01A"), Is.False);
    }

    [Test]
    public async Task The_off_duty_answer_names_only_the_tasks_the_caller_could_see()
    {
        var taskId = await CreateAsync("GX-AREA-FS-2");
        var duty = App.Services.GetRequiredService<OfficerDuty>();

        var answer = await duty.SetAsync("FS01A", false, Actor.Duty("duty.jc", "HC-JC"), CancellationToken.None);

        var json = JsonSerializer.SerializeToElement(answer, DispatchApp.Json);
        Assert.That(json.GetProperty("handedOver").GetArrayLength(), Is.Zero);
        Assert.That((await GetAsync(taskId)).OfficerId, Is.EqualTo("FS01B"), "the task was handed on all the same");
    }

    [Test]
    public async Task A_county_duty_officer_cannot_assign_to_an_officer_of_another_county_but_the_city_can()
    {
        var taskId = await CreateAsync("GX-AREA-FS-3");
        var county = await App.ClientAsync("duty.fs");

        var refused = await county.PostAsJsonAsync($"/api/tasks/{taskId}/assign",
            new { actionId = "x-1", officerId = "JC01A" });

        await AssertForbiddenAsync(refused, "不能指派其他辖区的民警");
        var unchanged = await GetAsync(taskId);
        Assert.That((unchanged.OfficerId, unchanged.Version), Is.EqualTo(("FS01A", 1)));

        var city = await App.ClientAsync("duty");
        var moved = await EndToEndTests.Act(city, $"/api/tasks/{taskId}/assign",
            new { actionId = "x-2", officerId = "JC01A" });
        Assert.That((moved.PostId, moved.OfficerId, moved.AreaIds),
            Is.EqualTo(("HC-JC-01", "JC01A", new List<string> { "HC-JC", "HC" })));
    }
}
