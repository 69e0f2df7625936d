using WarningDispatch.Contracts;
using WarningDispatch.TestSupport;

namespace WarningDispatch.Infrastructure.Tests;

/// <summary>Lose nothing and duplicate nothing when any part dies.</summary>
public class FailureTests : InfrastructureTest
{
    [Test]
    public async Task Kill_9_of_the_service_mid_burst_loses_and_duplicates_nothing()
    {
        var service = await StartServiceAsync("a");
        var feedback = await ListenToFeedbackAsync();
        var ids = Enumerable.Range(0, 5000).Select(i => $"KILL-{i:0000}").ToList();

        var publishing = Publisher().PublishAllAsync(ids.Select((id, i) => Instruction(id, spread: i)).ToList());
        await Eventually.Until(async () => await TaskCountAsync() >= 1500 ? "" : null,
            "1500 tasks before the kill", seconds: 60);
        service.Kill();
        var atKill = await TaskCountAsync();
        await publishing;
        await service.StartAsync();

        await Eventually.Until(async () => await TaskCountAsync() >= 5000 ? "" : null,
            "5000 tasks after the restart", seconds: 120);
        var tasks = await TasksAsync();
        Report($"killed with {atKill} tasks written; after restart {tasks.Count} tasks for {ids.Count} instructions");
        Assert.That(tasks.Select(t => t.InstructionId), Is.EquivalentTo(ids), "every instruction exactly one task");
        await AssertFeedbackCompleteAsync(feedback, ids);
    }

    [Test]
    public async Task RabbitMq_stopped_and_restarted_during_a_burst_the_service_reconnects_and_loses_nothing()
    {
        await StartServiceAsync("a");
        var feedback = await ListenToFeedbackAsync();
        var ids = Enumerable.Range(0, 2000).Select(i => $"RMQ-{i:0000}").ToList();

        var publishing = Publisher().PublishAllAsync(ids.Select((id, i) => Instruction(id, spread: i)).ToList());
        await Eventually.Until(async () => await TaskCountAsync() >= 500 ? "" : null,
            "500 tasks before the broker stops", seconds: 60);
        await Servers.RabbitMq.StopAsync();
        var atStop = await TaskCountAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));
        await Servers.RabbitMq.StartAsync();
        await publishing;

        await Eventually.Until(async () => await TaskCountAsync() >= 2000 ? "" : null,
            "2000 tasks after the broker is back", seconds: 120);
        Report($"broker stopped with {atStop} tasks written");
        Assert.That((await TasksAsync()).Select(t => t.InstructionId), Is.EquivalentTo(ids));
        await AssertFeedbackCompleteAsync(feedback, ids);
    }

    [Test]
    public async Task Redis_crashed_and_restarted_on_its_AOF_during_a_burst_loses_nothing_and_processing_resumes()
    {
        var service = await StartServiceAsync("a");
        var feedback = await ListenToFeedbackAsync();
        var ids = Enumerable.Range(0, 2000).Select(i => $"REDIS-{i:0000}").ToList();

        var publishing = Publisher().PublishAllAsync(ids.Select((id, i) => Instruction(id, spread: i)).ToList());
        await Eventually.Until(async () => await TaskCountAsync() >= 500 ? "" : null,
            "500 tasks before Redis crashes", seconds: 60);
        Redis.Crash();
        using var http = new HttpClient { BaseAddress = service.BaseAddress };
        await Eventually.Until(async () => (int)(await http.GetAsync("/health/ready")).StatusCode == 503 ? "" : null,
            "not ready while Redis is down");
        await Task.Delay(TimeSpan.FromSeconds(2));
        await Redis.StartAsync();
        await publishing;

        await Eventually.Until(async () => await TaskCountAsync() >= 2000 ? "" : null,
            "2000 tasks after Redis is back", seconds: 120);
        Assert.That((await TasksAsync()).Select(t => t.InstructionId), Is.EquivalentTo(ids));
        await AssertFeedbackCompleteAsync(feedback, ids);
        // The probe may lag the work by a few seconds while StackExchange.Redis settles its connections after the
        // crash.
        await Eventually.Until(async () => (await http.GetAsync("/health/ready")).IsSuccessStatusCode ? "" : null,
            "ready again without a restart", seconds: 30);
        Assert.That(await ErrorQueueDepthAsync(), Is.Zero, "held while Redis was down, not failed to the error queue");
    }

    static async Task AssertFeedbackCompleteAsync(FeedbackListener feedback, IReadOnlyList<string> ids)
    {
        await Eventually.Until(() =>
        {
            var seen = feedback.ByInstruction();
            return ids.All(id => seen[id].Contains(FeedbackStatus.Accepted)
                && seen[id].Contains(FeedbackStatus.Assigned));
        }, "Accepted and Assigned feedback for every instruction", seconds: 60);
        var duplicates = feedback.Events.GroupBy(e => (e.InstructionId, e.Status, e.OccurredAt))
            .Count(g => g.Count() > 1);
        Report($"{feedback.Events.Count} feedback events; {duplicates} delivered twice " +
            $"(at-least-once, deduplicated by (instructionId, status, occurredAt))");
    }
}
