using System.Net;
using System.Net.Http.Json;
using WarningDispatch.Contracts;
using WarningDispatch.Domain.Ingest;
using WarningDispatch.TestSupport;

namespace WarningDispatch.Infrastructure.Tests;

/// <summary>
/// The follow-up index on real Redis: the commit script lists a resolved task under its post and areas by due time,
/// and takes it out with the commit that records the visit.
/// </summary>
public class FollowUpRedisTests : InfrastructureTest
{
    [Test]
    public async Task A_resolved_task_is_listed_for_its_post_until_the_visit_is_recorded()
    {
        var service = await StartServiceAsync("a", new Dictionary<string, string> { ["FollowUp:After"] = "00:00:01" });
        // Spread 0 is Fengshan's post HC-FS-01, spread 1 Jinchengjiang's HC-JC-01.
        await Publisher().PublishAllAsync([Instruction("FU-R-1", spread: 0), Instruction("FU-R-2", spread: 1)]);
        await Eventually.Until(async () => await TaskCountAsync() == 2 ? "all" : null, "two tasks", seconds: 30);
        var duty = await service.ClientAsync("duty");
        var tasks = (await duty.GetFromJsonAsync<List<TaskSnapshot>>("/api/tasks", WireFormat.Options))!;
        foreach (var task in tasks)
        {
            var officer = await service.ClientAsync(task.OfficerId!.ToLowerInvariant());
            await ActAsync(officer, task.TaskId, "acknowledge", new { actionId = "ack" });
            await ActAsync(officer, task.TaskId, "outcome", new { actionId = "out", outcome = "Dissuaded" });
        }
        var fengshan = tasks.Single(t => t.InstructionId == "FU-R-1");

        var due = await Eventually.Until(async () => await ListAsync(service, "fs01b") is { Items.Count: > 0 } page
            ? page : null, "the follow-up due for the post", seconds: 30);
        Assert.That(due.Items.Select(t => t.InstructionId), Is.EqualTo(new[] { "FU-R-1" }));
        var members = await Redis.Db.SortedSetRangeByRankAsync("wd:ix:followups:post:HC-FS-01");
        Assert.That(members.Select(m => (string)m!), Is.EqualTo(new[] { fengshan.TaskId }));
        // Jinchengjiang's was resolved a moment later, so it falls due a moment later too (a real clock here).
        var city = await Eventually.Until(async () => await ListAsync(service, "duty") is { Items.Count: 2 } page
            ? page : null, "both follow-ups due for the city", seconds: 30);
        Assert.That(city.Items.Select(t => t.InstructionId), Is.EquivalentTo(new[] { "FU-R-1", "FU-R-2" }));

        await ActAsync(await service.ClientAsync("fs01b"), fengshan.TaskId, "follow-up",
            new { actionId = "visit", result = "Defrauded", amountLost = 500 });

        Assert.That(await Redis.Db.SortedSetLengthAsync("wd:ix:followups:post:HC-FS-01"), Is.Zero);
        Assert.That(await Redis.Db.SortedSetLengthAsync("wd:ix:followups:area:HC-FS"), Is.Zero);
        Assert.That((await ListAsync(service, "duty")).Items.Select(t => t.InstructionId),
            Is.EqualTo(new[] { "FU-R-2" }));
        var marked = (await TasksAsync()).Single(t => t.TaskId == fengshan.TaskId);
        Assert.That(marked.DefraudedAfterWarning!.AmountLost, Is.EqualTo(500m));
    }

    static async Task ActAsync(HttpClient client, string taskId, string action, object body)
    {
        var response = await client.PostAsJsonAsync($"/api/tasks/{taskId}/{action}", body);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    static async Task<FollowUpPage> ListAsync(ServiceProcess service, string username) =>
        (await (await service.ClientAsync(username)).GetFromJsonAsync<FollowUpPage>("/api/follow-ups?state=due",
            WireFormat.Options))!;
}
