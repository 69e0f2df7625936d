using WarningDispatch.TestSupport;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WarningDispatch.Contracts;

namespace WarningDispatch.Service.Tests;

public class AuthorizationTests : ServiceTest
{
    async Task<string> CreateAsync(string instructionId)
    {
        var response = await App.PostWarningAsync(App.Instruction(instructionId).ToJsonString());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("taskId").GetString()!;
    }

    [Test]
    public async Task A_field_officer_neither_receives_nor_acts_on_another_officers_task()
    {
        await using var fs01b = await App.HubAsync("fs01b");
        var forA = await CreateAsync("GX-AUTH-A");
        var forB = await CreateAsync("GX-AUTH-B");

        // Pushes leave the outbox one by one in order, so once B's task reached fs01b, A's would have come before it.
        var own = await fs01b.WaitForAsync(t => t.TaskId == forB, "fs01b's own task");
        Assert.That(own.OfficerId, Is.EqualTo("FS01B"), "least loaded: FS01A already holds one open task");
        Assert.That(fs01b.Changes.Select(c => c.TaskId), Does.Not.Contain(forA));

        var http = await App.ClientAsync("fs01b");
        Assert.That((await http.GetAsync($"/api/tasks/{forA}")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        var listed = await http.GetFromJsonAsync<List<TaskSnapshot>>("/api/tasks?status=active", DispatchApp.Json);
        Assert.That(listed!.Select(t => t.TaskId), Is.EqualTo(new[] { forB }));

        var act = await http.PostAsJsonAsync($"/api/tasks/{forA}/acknowledge", new { actionId = "steal-1" });
        Assert.That(act.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        var stillA = await (await App.ClientAsync("fs01a"))
            .GetFromJsonAsync<TaskSnapshot>($"/api/tasks/{forA}", DispatchApp.Json);
        Assert.That((stillA!.Status, stillA.Version), Is.EqualTo((DispatchStatus.Assigned, 1)));
    }

    [Test]
    public async Task A_duty_officer_sees_only_tasks_of_their_area_with_personal_data_masked()
    {
        var inFengshan = (await (await App.PostWarningAsync(
                App.Instruction("GX-AREA-FS", phone: ServiceHost.SubjectPhone).ToJsonString()))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("taskId").GetString();
        var inJinchengjiang = App.Instruction("GX-AREA-JC", regionCode: "451202");
        inJinchengjiang["subject"]!["location"] = null;
        var jc = await (await App.PostWarningAsync(inJinchengjiang.ToJsonString()))
            .Content.ReadFromJsonAsync<JsonElement>();

        var county = await App.ClientAsync("duty.fs");
        var listed = await county.GetFromJsonAsync<List<TaskSnapshot>>("/api/tasks?status=active", DispatchApp.Json);
        Assert.That(listed!.Select(t => t.TaskId), Is.EqualTo(new[] { inFengshan }));
        Assert.That(listed[0].Subject.Phone, Is.EqualTo("+86138****0000"));
        Assert.That(listed[0].Subject.Name, Does.Not.Contain("某某"));
        Assert.That(listed[0].Context!.Note, Does.Not.Contain("fraud number"), "notes describe the person: masked too");
        var officer = await App.ClientAsync(listed[0].OfficerId!.ToLowerInvariant());
        var own = await officer.GetFromJsonAsync<TaskSnapshot>($"/api/tasks/{inFengshan}", DispatchApp.Json);
        Assert.That(own!.Context!.Note, Does.Contain("fraud number"), "the assigned officer reads the note in full");
        Assert.That((await county.GetAsync($"/api/tasks/{jc.GetProperty("taskId").GetString()}")).StatusCode,
            Is.EqualTo(HttpStatusCode.Forbidden));

        var city = await App.ClientAsync("duty");
        Assert.That((await city.GetFromJsonAsync<List<TaskSnapshot>>("/api/tasks?status=active",
            DispatchApp.Json))!.Count, Is.EqualTo(2));
    }

    [Test]
    public async Task Only_duty_officers_assign_and_a_field_officer_cannot_reassign_to_themselves()
    {
        var taskId = await CreateAsync("GX-ASSIGN-1");
        var officer = await App.ClientAsync("fs01b");
        var selfAssign = await officer.PostAsJsonAsync($"/api/tasks/{taskId}/assign",
            new { actionId = "x", officerId = "FS01B" });
        Assert.That(selfAssign.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));

        var duty = await App.ClientAsync("duty.fs");
        var reassigned = await EndToEndTests.Act(duty, $"/api/tasks/{taskId}/assign",
            new { actionId = "y", officerId = "FS01B" });
        Assert.That((reassigned.OfficerId, reassigned.Status), Is.EqualTo(("FS01B", DispatchStatus.Assigned)));

        var offDuty = await duty.PostAsJsonAsync($"/api/tasks/{taskId}/assign",
            new { actionId = "z", officerId = "FS03A" });
        Assert.That(offDuty.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "FS03A is off duty in the demo region");
    }

    [Test]
    public async Task
        An_action_the_ladder_does_not_allow_gets_409_with_the_reason_and_a_replayed_action_changes_nothing()
    {
        var taskId = await CreateAsync("GX-409-1");
        var http = await App.ClientAsync("fs01a");

        var early = await http.PostAsJsonAsync($"/api/tasks/{taskId}/arrive", new { actionId = "arrive-1" });
        Assert.That(early.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        var problem = await early.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(problem.GetProperty("detail").GetString(),
            Does.Contain("no home visit is under way; this task is Assigned"));

        var first = await EndToEndTests.Act(http, $"/api/tasks/{taskId}/acknowledge", new { actionId = "ack-1" });
        var replay = await EndToEndTests.Act(http, $"/api/tasks/{taskId}/acknowledge", new { actionId = "ack-1" });
        Assert.That(replay.Version, Is.EqualTo(first.Version));

        var badResult = await http.PostAsJsonAsync($"/api/tasks/{taskId}/call-result",
            new { actionId = "c-1", result = "Maybe" });
        Assert.That(badResult.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await badResult.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors")
            .TryGetProperty("result", out _), Is.True);
    }

    [Test]
    public async Task Unauthenticated_hub_connections_and_api_calls_are_refused()
    {
        Assert.That(Assert.CatchAsync(() => App.HubWithTokenAsync(null))!.Message, Does.Contain("401"));
        Assert.That(Assert.CatchAsync(() => App.HubWithTokenAsync("forged-token"))!.Message, Does.Contain("401"));
        Assert.That((await App.CreateClient().GetAsync("/api/tasks")).StatusCode,
            Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Wrong_password_is_refused()
    {
        var response = await App.CreateClient().PostAsJsonAsync("/api/auth/login",
            new { username = "duty", password = "guess" });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Cookie_sign_in_works_for_the_browser_page()
    {
        var client = App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
            { HandleCookies = true });
        Assert.That((await client.PostAsJsonAsync("/api/auth/login?useCookies=true",
            new { username = "fs01a", password = "demo" })).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var me = await client.GetFromJsonAsync<JsonElement>("/api/auth/me");
        Assert.That((me.GetProperty("role").GetString(), me.GetProperty("officerId").GetString()),
            Is.EqualTo(("FieldOfficer", "FS01A")));
    }
}
