using System.Net.Http.Json;
using WarningDispatch.Contracts;
using WarningDispatch.Domain.Tasks;
using WarningDispatch.TestSupport;

namespace WarningDispatch.Infrastructure.Tests;

/// <summary>
/// Durable timers and several instances. The region has one station with one officer and a centre with nobody on
/// duty, so a missed acknowledgement has no next rung: each task's timer can fire only once, and a second firing
/// would show as a second AckMissed in its history.
/// </summary>
public class TimerAndScaleTests : InfrastructureTest
{
    static Dictionary<string, string> Settings(TimeSpan ackWindow) => new()
    {
        ["Region:DataFile"] = SingleOfficerRegion,
        ["Escalation:AckLow"] = ackWindow.ToString("c"),
    };

    [Test]
    public async Task Ten_thousand_pending_timers_survive_a_kill_9_and_each_fires_exactly_once()
    {
        var ackWindow = TimeSpan.FromSeconds(45);
        var service = await StartServiceAsync("a", Settings(ackWindow));
        var ids = Enumerable.Range(0, 10_000).Select(i => $"TIMER-{i:00000}").ToList();

        await Publisher().PublishAllAsync(ids.Select(id => Instruction(id, riskLevel: "Low")).ToList());
        await Eventually.Until(async () => await TaskCountAsync() == 10_000 ? "" : null, "10,000 tasks", seconds: 120);
        Assert.That(await Redis.Db.SortedSetLengthAsync("wd:timers"), Is.EqualTo(10_000),
            "all timers pending at the kill");
        service.Kill();
        await service.StartAsync();

        await Eventually.Until(async () => await Redis.Db.SortedSetLengthAsync("wd:timers")
                + await Redis.Db.SortedSetLengthAsync("wd:timers:inflight") == 0 ? "" : null,
            "every timer fired and completed", seconds: 120);
        var tasks = await TasksAsync();
        AssertEachFiredOnce(tasks);
        var lateness = tasks.Select(t => (t.History.Single(h => h.Code == HistoryAction.AckMissed).At
                - t.Plan.FirstAckDeadline).TotalMilliseconds).Order().ToList();
        Report($"10,000 timers after kill -9 and restart: lateness p50 {Percentile(lateness, 50):0} ms, " +
            $"p99 {Percentile(lateness, 99):0} ms, max {lateness[^1]:0} ms");
    }

    [Test]
    public async Task Three_instances_share_the_work_fire_each_timer_once_and_every_console_sees_every_change()
    {
        var settings = Settings(TimeSpan.FromSeconds(30));
        var a = await StartServiceAsync("a", settings);
        var b = await StartServiceAsync("b", settings);
        var c = await StartServiceAsync("c", settings);
        await using var boardOnA = await a.HubAsync("duty");
        using var signedInOnC = await c.ClientAsync("duty");
        using var sameTokenOnA = new HttpClient { BaseAddress = a.BaseAddress };
        sameTokenOnA.DefaultRequestHeaders.Authorization = signedInOnC.DefaultRequestHeaders.Authorization;
        Assert.That((await sameTokenOnA.GetAsync("/api/tasks")).IsSuccessStatusCode, Is.True,
            "a token from C is valid on A: one key ring in Redis");
        await using var officerConsoleOnB = await b.HubAsync("s01");
        await Eventually.Until(async () =>
        {
            var roster = await sameTokenOnA.GetFromJsonAsync<List<System.Text.Json.JsonElement>>("/api/officers");
            return roster!.Single(o => o.GetProperty("officerId").GetString() == "S01")
                .GetProperty("online").GetBoolean() ? "" : null;
        }, "the officer's console on B shown online from A");
        var ids = Enumerable.Range(0, 2000).Select(i => $"SCALE-{i:0000}").ToList();

        await Publisher().PublishAllAsync(ids.Select(id => Instruction(id, riskLevel: "Low")).ToList());
        await Eventually.Until(async () => await TaskCountAsync() == 2000 ? "" : null, "2000 tasks", seconds: 90);
        Assert.That((await TasksAsync()).Select(t => t.InstructionId), Is.EquivalentTo(ids));

        var task = (await TasksAsync()).First(t => t.Status == DispatchStatus.Assigned);
        using var officerOnC = await c.ClientAsync("s01");
        var acked = await officerOnC.PostAsJsonAsync($"/api/tasks/{task.TaskId}/acknowledge",
            new { actionId = "ack-on-c" });
        Assert.That(acked.IsSuccessStatusCode, Is.True, await acked.Content.ReadAsStringAsync());
        var seen = await boardOnA.WaitForAsync(t => t.TaskId == task.TaskId && t.Version == 2,
            "the acknowledgement made on C, on A's board");
        Assert.That(seen.Status, Is.EqualTo(DispatchStatus.PhoneWarning));
        await Eventually.Until(() => ids.All(id => boardOnA.Changes.Any(t => t.InstructionId == id)) ? "" : null,
            "every task on A's board", seconds: 30);

        await Eventually.Until(async () => (await TasksAsync())
                .All(t => t.TaskId == task.TaskId || t.Status == DispatchStatus.Unrouted) ? "" : null,
            "every unacknowledged task's timer fired", seconds: 120);
        AssertEachFiredOnce((await TasksAsync()).Where(t => t.TaskId != task.TaskId).ToList());
    }

    static void AssertEachFiredOnce(IReadOnlyList<DispatchTask> tasks)
    {
        var firings = tasks.Select(t => t.History.Count(h => h.Code == HistoryAction.AckMissed)).ToList();
        Assert.That(firings.Count(n => n == 0), Is.Zero, "timers that never fired");
        Assert.That(firings.Count(n => n > 1), Is.Zero, "timers that fired twice");
        Assert.That(tasks.All(t => t.Status == DispatchStatus.Unrouted && t.NeedsDutyOfficer), Is.True);
    }

    static double Percentile(List<double> sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
}
