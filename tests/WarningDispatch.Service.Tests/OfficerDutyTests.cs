using WarningDispatch.TestSupport;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WarningDispatch.Contracts;

namespace WarningDispatch.Service.Tests;

public class OfficerDutyTests : ServiceTest
{
    [Test]
    public async Task Going_off_duty_hands_open_tasks_on_and_the_officer_is_never_assigned_or_notified_again()
    {
        await using var fs01a = await App.HubAsync("fs01a");
        var first = await (await App.PostWarningAsync(App.Instruction("GX-OFF-1").ToJsonString()))
            .Content.ReadFromJsonAsync<JsonElement>();
        var firstId = first.GetProperty("taskId").GetString()!;
        await fs01a.WaitForAsync(t => t.TaskId == firstId, "first task on FS01A's console");

        var me = await App.ClientAsync("fs01a");
        var off = await me.PostAsJsonAsync("/api/officers/FS01A/duty", new { onDuty = false });
        Assert.That(off.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await off.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("handedOver")[0].GetString(),
            Is.EqualTo(firstId));
        var handed = await (await App.ClientAsync("duty"))
            .GetFromJsonAsync<TaskSnapshot>($"/api/tasks/{firstId}", DispatchApp.Json);
        Assert.That(handed!.OfficerId, Is.EqualTo("FS01B"));
        Assert.That(handed.History.Any(h => h.Code == HistoryAction.OfficerOffDuty), Is.True);
        await Eventually.Until(() => fs01a.Withdrawals.Any(w => w.GetProperty("taskId").GetString() == firstId),
            "withdrawal on FS01A's console");

        var second = await (await App.PostWarningAsync(App.Instruction("GX-OFF-2").ToJsonString()))
            .Content.ReadFromJsonAsync<JsonElement>();
        var secondTask = await (await App.ClientAsync("duty"))
            .GetFromJsonAsync<TaskSnapshot>($"/api/tasks/{second.GetProperty("taskId").GetString()}", DispatchApp.Json);
        Assert.That(secondTask!.OfficerId, Is.EqualTo("FS01B"), "FS01B has more open tasks, but FS01A is off duty");
        Assert.That(fs01a.Changes.Select(c => c.TaskId), Does.Not.Contain(secondTask.TaskId));
    }

    [Test]
    public async Task The_roster_shows_which_officers_have_a_console_connected()
    {
        var duty = await App.ClientAsync("duty");
        async Task<bool> Online(string officerId) =>
            (await duty.GetFromJsonAsync<List<JsonElement>>("/api/officers"))!
                .Single(o => o.GetProperty("officerId").GetString() == officerId).GetProperty("online").GetBoolean();
        Assert.That(await Online("FS01A"), Is.False);

        var console = await App.HubAsync("fs01a");
        await Eventually.Until(async () => await Online("FS01A") ? "" : null, "FS01A online");
        Assert.That(await Online("FS01B"), Is.False);

        await console.DisposeAsync();
        await Eventually.Until(async () => await Online("FS01A") ? null : "", "FS01A offline after the console left");
    }

    [Test]
    public async Task A_field_officer_cannot_change_someone_elses_duty()
    {
        var me = await App.ClientAsync("fs01a");
        Assert.That((await me.PostAsJsonAsync("/api/officers/FS01B/duty", new { onDuty = false })).StatusCode,
            Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await me.PostAsJsonAsync("/api/officers/FS01A/duty", new { })).StatusCode,
            Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task Posts_list_the_demo_region_with_hierarchy_and_area_types()
    {
        var posts = await App.CreateClient().GetFromJsonAsync<List<JsonElement>>("/api/posts");

        Assert.That(posts!.Count, Is.GreaterThanOrEqualTo(30 + 12));
        Assert.That(posts.Count(p => p.GetProperty("level").GetString() == "Station"), Is.GreaterThanOrEqualTo(30));
        var fengcheng = posts.Single(p => p.GetProperty("postId").GetString() == "HC-FS-01");
        Assert.That((fengcheng.GetProperty("parentId").GetString(), fengcheng.GetProperty("areaType").GetString()),
            Is.EqualTo(("HC-FS", "Suburban")));
        Assert.That(posts.Select(p => p.GetProperty("areaType").GetString()).Distinct(),
            Is.EquivalentTo(new[] { "Urban", "Suburban", "Rural" }));
    }
}
