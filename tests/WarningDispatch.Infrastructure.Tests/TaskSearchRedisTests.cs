using System.Net;
using System.Net.Http.Json;
using WarningDispatch.Contracts;
using WarningDispatch.Domain.Ingest;
using WarningDispatch.TestSupport;

namespace WarningDispatch.Infrastructure.Tests;

/// <summary>The indexes a task commit keeps, on real Redis: a day and a phone find the tasks, as in memory.</summary>
public class TaskSearchRedisTests : InfrastructureTest
{
    [Test]
    public async Task A_day_and_a_phone_find_the_areas_tasks_from_the_indexes_kept_by_the_commit_script()
    {
        var service = await StartServiceAsync("a");
        // Spread 0 is Fengshan (HC-FS), spread 1 Jinchengjiang: the county duty officer finds only Fengshan's.
        await Publisher().PublishAllAsync([
            Instruction("FIND-R-1", spread: 0, phone: "+8613655554444"),
            Instruction("FIND-R-2", spread: 0, phone: "+8613655554444"),
            Instruction("FIND-R-3", spread: 1),
        ]);
        await Eventually.Until(async () => await TaskCountAsync() == 3 ? "all" : null, "three tasks", seconds: 30);
        var today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd");

        var county = await SearchAsync(service, "duty.fs", $"from={today}");
        Assert.That(county.Items.Select(t => t.InstructionId), Is.EquivalentTo(new[] { "FIND-R-1", "FIND-R-2" }));
        Assert.That(county.Total, Is.EqualTo(2));
        var city = await SearchAsync(service, "duty", $"from={today}&pageSize=2&page=2");
        Assert.That((city.Total, city.Items.Count), Is.EqualTo((3L, 1)), "three in the city, the third on page 2");

        var person = await SearchAsync(service, "duty.data", "phone=%2B8613655554444");
        Assert.That(person.Items.Select(t => t.InstructionId), Is.EquivalentTo(new[] { "FIND-R-1", "FIND-R-2" }));
        var keys = (await Redis.Db.ExecuteAsync("KEYS", "wd:ix:person:*")).ToString();
        Assert.That(keys, Does.Not.Contain("13655554444"), "the index keys hold no digits of the phone");
    }

    static async Task<TaskPage> SearchAsync(ServiceProcess service, string username, string query)
    {
        var response = await (await service.ClientAsync(username)).GetAsync("/api/tasks/search?" + query);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<TaskPage>(WireFormat.Options))!;
    }
}
