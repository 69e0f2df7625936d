using System.Globalization;
using StackExchange.Redis;
using WarningDispatch.Service.Escalation;

namespace WarningDispatch.Service.Storage.Redis;

/// <summary>
/// Durable escalation timers: a sorted set by due time. A Lua script claims due entries atomically by moving them
/// to an in-flight set scored by lease expiry, so with several instances each entry goes to exactly one of them; an
/// entry whose lease ran out (its instance died mid-handling) is claimed again. Completing removes it for good.
/// Timers are written by the task store's commit script, in the same atomic write as the task; that write also
/// completes the task's previous timer if it is in flight (the firing that caused the change, or a stale one).
/// </summary>
public sealed class RedisTimerQueue(RedisGateway redis) : ITimerQueue
{
    public static string Member(TimerEntry entry) =>
        $"{entry.TaskId}|{entry.Version.ToString(CultureInfo.InvariantCulture)}";

    public async Task<IReadOnlyList<TimerEntry>> ClaimDueAsync(DateTimeOffset now, int max, TimeSpan lease,
        CancellationToken ct)
    {
        var result = (RedisResult[])(await redis.ScriptAsync(RedisScripts.ClaimTimers,
            [RedisKeys.Timers, RedisKeys.TimersInFlight, RedisKeys.TimerDue],
            [now.ToUnixTimeMilliseconds(), max, (now + lease).ToUnixTimeMilliseconds()], ct))!;
        var entries = new List<TimerEntry>(result.Length / 2);
        for (var i = 0; i + 1 < result.Length; i += 2)
        {
            var member = (string)result[i]!;
            var split = member.LastIndexOf('|');
            var dueMs = (long)double.Parse((string)result[i + 1]!, CultureInfo.InvariantCulture);
            entries.Add(new TimerEntry(member[..split], int.Parse(member[(split + 1)..], CultureInfo.InvariantCulture),
                DateTimeOffset.FromUnixTimeMilliseconds(dueMs)));
        }
        return entries;
    }

    public Task CompleteAsync(TimerEntry entry, CancellationToken ct) =>
        redis.ScriptAsync(RedisScripts.CompleteTimer, [RedisKeys.TimersInFlight, RedisKeys.Timers, RedisKeys.TimerDue],
            [Member(entry)], ct);

    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken ct)
    {
        var (due, lease) = await redis.RunAsync(async db =>
        {
            var d = db.SortedSetRangeByRankWithScoresAsync(RedisKeys.Timers, 0, 0);
            var l = db.SortedSetRangeByRankWithScoresAsync(RedisKeys.TimersInFlight, 0, 0);
            return (await d, await l);
        }, ct);
        var next = due.Concat(lease).Select(e => e.Score).DefaultIfEmpty(double.NaN).Min();
        return double.IsNaN(next) ? null : DateTimeOffset.FromUnixTimeMilliseconds((long)next);
    }
}
