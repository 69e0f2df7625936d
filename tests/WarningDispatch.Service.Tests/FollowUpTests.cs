using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WarningDispatch.Contracts;
using WarningDispatch.Service.FollowUps;
using WarningDispatch.Service.Tasks;
using WarningDispatch.TestSupport;

namespace WarningDispatch.Service.Tests;

/// <summary>
/// The follow-up visit (回访) on the service's fake clock: due 72 h after the resolution, listed for the officers of
/// the task's post and the duty officers of its area (from the follow-up index), overdue after the grace, recorded
/// once from the list.
/// </summary>
public class FollowUpTests : ServiceTest
{
    const string Post = "HC-FS-01";

    /// <summary>A task of region 451223 (post HC-FS-01) resolved as Dissuaded by its officer; and the post's other
    /// officer's user name.</summary>
    async Task<(TaskSnapshot Task, string Colleague)> ResolvedAsync(string instructionId, string regionCode = "451223")
    {
        var instruction = App.Instruction(instructionId, regionCode: regionCode);
        var response = await App.PostWarningAsync(instruction.ToJsonString());
        var taskId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("taskId").GetString()!;
        var duty = await App.ClientAsync("duty");
        var task = (await duty.GetFromJsonAsync<TaskSnapshot>($"/api/tasks/{taskId}", DispatchApp.Json))!;
        var officer = await App.ClientAsync(task.OfficerId!.ToLowerInvariant());
        await ActAsync(officer, taskId, "acknowledge", new { actionId = "ack" });
        var resolved = await ActAsync(officer, taskId, "outcome", new { actionId = "out", outcome = "Dissuaded" });
        Assert.That(resolved.Status, Is.EqualTo(DispatchStatus.Resolved));
        return (resolved, task.OfficerId == "FS01A" ? "fs01b" : "fs01a");
    }

    static async Task<TaskSnapshot> ActAsync(HttpClient client, string taskId, string action, object body)
    {
        var response = await client.PostAsJsonAsync($"/api/tasks/{taskId}/{action}", body);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<TaskSnapshot>(DispatchApp.Json))!;
    }

    async Task<FollowUpPage> ListAsync(string username, string state)
    {
        var client = await App.ClientAsync(username);
        return (await client.GetFromJsonAsync<FollowUpPage>($"/api/follow-ups?state={state}", DispatchApp.Json))!;
    }

    async Task<List<string>> IdsAsync(string username, string state) =>
        (await ListAsync(username, state)).Items.Select(t => t.TaskId).ToList();

    [Test]
    public async Task A_resolved_task_is_due_for_its_post_after_72_h_overdue_after_the_grace_and_gone_once_recorded()
    {
        var (task, colleague) = await ResolvedAsync("GX-FU-0001");
        var resolvedAt = task.History[^1].At;
        Assert.That(task.FollowUpDueAt, Is.EqualTo(resolvedAt.AddHours(72)));

        Assert.That(await IdsAsync(colleague, "due"), Is.Empty, "not due yet");
        var upcoming = await ListAsync(colleague, "upcoming");
        Assert.That(upcoming.Items.Select(t => t.TaskId), Is.EqualTo(new[] { task.TaskId }));

        await App.AdvanceAsync(resolvedAt.AddHours(72) - App.Now);

        var due = await ListAsync(colleague, "due");
        Assert.That((due.Total, due.Items.Single().TaskId), Is.EqualTo((1L, task.TaskId)));
        Assert.That(due.GraceSeconds, Is.EqualTo(24 * 3600), "FollowUp:Grace, for a console's own clock");
        Assert.That(due.Items[0].AllowedActions, Is.EqualTo(new[] { TaskAction.FollowUp }));
        Assert.That(due.Items[0].Subject.Phone, Is.EqualTo(ServiceHost.PhoneFor("GX-FU-0001")),
            "the officer who visits sees whom to visit");
        Assert.That(await IdsAsync("duty", "due"), Is.EqualTo(new[] { task.TaskId }), "and the area's duty officers");
        Assert.That(await IdsAsync("jc01a", "due"), Is.Empty, "an officer of another post");
        Assert.That(await IdsAsync(colleague, "overdue"), Is.Empty, "within the grace");

        var stranger = await App.ClientAsync("jc01a");
        var refused = await stranger.PostAsJsonAsync($"/api/tasks/{task.TaskId}/follow-up",
            new { actionId = "fu-x", result = "Safe" });
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString(),
            Is.EqualTo("NotYourTask"));

        await App.AdvanceAsync(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        Assert.That(await IdsAsync(colleague, "overdue"), Is.EqualTo(new[] { task.TaskId }));

        var recorded = await ActAsync(await App.ClientAsync(colleague), task.TaskId, "follow-up",
            new { actionId = "fu-1", result = "Safe", note = "本人安全" });
        Assert.That((recorded.FollowUp!.Result, recorded.FollowUp.By), Is.EqualTo((FollowUpResult.Safe, colleague)));
        Assert.That(recorded.History[^1].Code, Is.EqualTo(HistoryAction.FollowUpRecorded));
        Assert.That(await IdsAsync(colleague, "all"), Is.Empty);
        Assert.That(await IdsAsync("duty", "all"), Is.Empty);

        var again = await (await App.ClientAsync(colleague)).PostAsJsonAsync($"/api/tasks/{task.TaskId}/follow-up",
            new { actionId = "fu-1", result = "Safe", note = "本人安全" });
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK), "a retry of the same action is answered");
    }

    [Test]
    public async Task The_snapshot_keeps_the_first_resolved_time_after_a_follow_up_recorded_later()
    {
        var (task, colleague) = await ResolvedAsync("GX-FU-0009");
        var resolvedAt = task.History[^1].At;
        Assert.That(task.ResolvedAt, Is.EqualTo(resolvedAt));
        await App.AdvanceAsync(TimeSpan.FromHours(72));
        await ActAsync(await App.ClientAsync(colleague), task.TaskId, "follow-up",
            new { actionId = "fu-1", result = "Safe" });

        var duty = await App.ClientAsync("duty");
        var json = await duty.GetFromJsonAsync<JsonElement>($"/api/tasks/{task.TaskId}", DispatchApp.Json);
        var read = json.Deserialize<TaskSnapshot>(DispatchApp.Json)!;
        // The follow-up is a later step in the resolved status: the step a history search would have found.
        Assert.That((read.History[^1].Code, read.History[^1].Status, read.History[^1].At),
            Is.EqualTo((HistoryAction.FollowUpRecorded, DispatchStatus.Resolved, App.Now)));
        Assert.That(json.GetProperty("resolvedAt").GetDateTimeOffset(), Is.EqualTo(resolvedAt));
    }

    [Test]
    public async Task Defrauded_needs_the_amount_lost_and_marks_the_task_with_feedback_upstream()
    {
        var (task, colleague) = await ResolvedAsync("GX-FU-0002");
        await App.AdvanceAsync(TimeSpan.FromHours(72));
        var officer = await App.ClientAsync(colleague);

        var missing = await officer.PostAsJsonAsync($"/api/tasks/{task.TaskId}/follow-up",
            new { actionId = "fu-1", result = "Defrauded" });
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var problem = await missing.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(problem.GetProperty("errors").TryGetProperty("amountLost", out _), Is.True);
        var wrongResult = await officer.PostAsJsonAsync($"/api/tasks/{task.TaskId}/follow-up",
            new { actionId = "fu-2", result = "defrauded", amountLost = 10 });
        Assert.That(wrongResult.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));

        var marked = await ActAsync(officer, task.TaskId, "follow-up",
            new { actionId = "fu-3", result = "Defrauded", amountLost = 8000 });

        Assert.That(marked.DefraudedAfterWarning!.AmountLost, Is.EqualTo(8000m));
        Assert.That(marked.DefraudedAfterWarning.ReportId, Is.Null);
        var feedback = await Eventually.Until(() => App.FeedbackFor("GX-FU-0002")
            .FirstOrDefault(f => f.Status == FeedbackStatus.DefraudedAfterWarning), "DefraudedAfterWarning upstream");
        Assert.That(feedback.AmountLost, Is.EqualTo(8000m));
    }

    [Test]
    public async Task A_list_reads_its_own_posts_index_and_a_task_of_another_post_never_appears()
    {
        var (own, colleague) = await ResolvedAsync("GX-FU-0003");
        var (other, _) = await ResolvedAsync("GX-FU-0004", regionCode: "451202");
        Assert.That(other.PostId, Is.EqualTo("HC-JC-01"));
        await App.AdvanceAsync(TimeSpan.FromHours(73));

        var indexes = App.Services.GetRequiredService<ITaskIndexReader>();
        var members = await indexes.RangeAsync(FollowUpIndex.Post(Post), double.NegativeInfinity,
            double.PositiveInfinity, highestFirst: false, 0, 100, CancellationToken.None);
        Assert.That(members.Select(m => m.Member), Is.EqualTo(new[] { own.TaskId }));
        Assert.That(members[0].Score, Is.EqualTo(own.FollowUpDueAt!.Value.ToUnixTimeMilliseconds()));

        Assert.That(await IdsAsync(colleague, "all"), Is.EqualTo(new[] { own.TaskId }));
        Assert.That(await IdsAsync("jc01a", "all"), Is.EqualTo(new[] { other.TaskId }));
        Assert.That(await IdsAsync("duty.fs", "all"), Is.EqualTo(new[] { own.TaskId }), "the county's duty officer");
        Assert.That((await IdsAsync("duty", "due")).Order(), Is.EqualTo(new[] { own.TaskId, other.TaskId }.Order()),
            "the city's duty officer sees both counties'");
    }

    [Test]
    public async Task An_unknown_state_is_refused_naming_the_field()
    {
        var client = await App.ClientAsync("fs01a");

        var response = await client.GetAsync("/api/follow-ups?state=soon");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(problem.GetProperty("code").GetString(), Is.EqualTo("NotOneOf"));
        Assert.That(problem.GetProperty("errors").TryGetProperty("state", out _), Is.True);
    }
}
