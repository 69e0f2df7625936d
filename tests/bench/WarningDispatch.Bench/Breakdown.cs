using System.Diagnostics;
using System.Text.Json;

namespace WarningDispatch.Bench;

/// <summary>
/// Where an instruction's time went, from the task the service stored: its receivedAt (the service's clock when the
/// consumer took the message) splits publish → screen into "in the broker and the consumer's prefetch" and
/// "intake, commit, outbox, task-events hop and push"; the upstream feedback listener's first event for the
/// instruction splits the second part again at the moment the outbox reached the broker. Same machine, so the wall
/// clock is shared; it is mapped onto the Stopwatch clock the publisher and consoles use.
/// </summary>
static class Breakdown
{
    public static async Task<Dictionary<string, Distribution>> MeasureAsync(PrivateRedis redis, PhaseRecorder recorder,
        int phase)
    {
        var wallTicks = DateTime.UtcNow.Ticks;
        var mono = Stopwatch.GetTimestamp();
        long ToMono(DateTimeOffset t) =>
            mono + (long)((t.UtcTicks - wallTicks) / (double)TimeSpan.TicksPerSecond * Stopwatch.Frequency);
        var received = new long[recorder.Count];
        for (var start = 0; start < recorder.Count; start += 1000)
        {
            var seqs = Enumerable.Range(start, Math.Min(1000, recorder.Count - start)).ToList();
            var batch = redis.Db.CreateBatch();
            var ids = seqs.Select(s => batch.StringGetAsync("wd:instr:" + Instructions.Id(phase, s))).ToList();
            batch.Execute();
            var taskIds = await Task.WhenAll(ids);
            batch = redis.Db.CreateBatch();
            var jsons = taskIds.Select(t => t.IsNull
                ? Task.FromResult(StackExchange.Redis.RedisValue.Null)
                : batch.HashGetAsync($"wd:{{{t}}}:task", "j")).ToList();
            batch.Execute();
            var values = await Task.WhenAll(jsons);
            for (var i = 0; i < seqs.Count; i++)
            {
                if (values[i].IsNull) continue;
                using var doc = JsonDocument.Parse((string)values[i]!);
                received[seqs[i]] = ToMono(doc.RootElement.GetProperty("receivedAt").GetDateTimeOffset());
            }
        }
        var ok = Enumerable.Range(0, recorder.Count).Where(i => received[i] != 0 && recorder.Sent[i] != 0).ToList();
        return new Dictionary<string, Distribution>
        {
            ["publishToIntake"] = Distribution.Of(ok.Select(i => BenchContext.Ms(recorder.Sent[i], received[i]))),
            ["intakeToOfficer"] = Distribution.Of(ok.Where(i => recorder.OfficerAt[i] != 0)
                .Select(i => BenchContext.Ms(received[i], recorder.OfficerAt[i]))),
            ["intakeToFeedback"] = Distribution.Of(ok.Where(i => recorder.FeedbackAt[i] != 0)
                .Select(i => BenchContext.Ms(received[i], recorder.FeedbackAt[i]))),
            ["feedbackToOfficer"] = Distribution.Of(ok
                .Where(i => recorder.FeedbackAt[i] != 0 && recorder.OfficerAt[i] != 0)
                .Select(i => BenchContext.Ms(recorder.FeedbackAt[i], recorder.OfficerAt[i]))),
        };
    }
}
