using System.Globalization;
using StackExchange.Redis;
using WarningDispatch.Service.Hosting;
using WarningDispatch.Service.Tasks;

namespace WarningDispatch.Service.Escalation;

/// <summary>
/// Durable escalation timers: a sorted set by due time. A Lua script claims due entries atomically by moving them
/// to an in-flight set scored by lease expiry, so with several instances each entry goes to exactly one of them; an
/// entry whose lease ran out (its instance died mid-handling) is claimed again. Completing removes it for good.
/// Timers are written by the task store's commit script, in the same atomic write as the task.
/// </summary>
public sealed class RedisTimerQueue(RedisGateway redis) : ITimerQueue
{
    // ARGV: nowMs, max, leaseUntilMs. Returns member, dueMs, member, dueMs, ...
    const string ClaimScript = """
        local p = 'wd:'
        local out = {}
        local expired = redis.call('ZRANGEBYSCORE', p .. 'timers:inflight', '-inf', ARGV[1], 'LIMIT', 0, ARGV[2])
        for _, m in ipairs(expired) do
          redis.call('ZADD', p .. 'timers:inflight', ARGV[3], m)
          table.insert(out, m)
          table.insert(out, redis.call('HGET', p .. 'timers:due', m) or ARGV[1])
        end
        local room = tonumber(ARGV[2]) - #expired
        if room > 0 then
          local due = redis.call('ZRANGEBYSCORE', p .. 'timers', '-inf', ARGV[1], 'WITHSCORES', 'LIMIT', 0, room)
          for i = 1, #due, 2 do
            redis.call('ZREM', p .. 'timers', due[i])
            redis.call('ZADD', p .. 'timers:inflight', ARGV[3], due[i])
            table.insert(out, due[i])
            table.insert(out, due[i + 1])
          end
        end
        return out
        """;

    const string CompleteScript = """
        redis.call('ZREM', 'wd:timers:inflight', ARGV[1])
        if not redis.call('ZSCORE', 'wd:timers', ARGV[1]) then redis.call('HDEL', 'wd:timers:due', ARGV[1]) end
        return 1
        """;

    public static string Member(TimerEntry entry) => $"{entry.TaskId}|{entry.Version.ToString(CultureInfo.InvariantCulture)}";

    public async Task<IReadOnlyList<TimerEntry>> ClaimDueAsync(DateTimeOffset now, int max, TimeSpan lease, CancellationToken ct)
    {
        var result = (RedisResult[])(await redis.ScriptAsync(ClaimScript,
            [now.ToUnixTimeMilliseconds(), max, (now + lease).ToUnixTimeMilliseconds()], ct))!;
        var entries = new List<TimerEntry>(result.Length / 2);
        for (var i = 0; i + 1 < result.Length; i += 2)
        {
            var member = (string)result[i]!;
            var split = member.LastIndexOf('|');
            entries.Add(new TimerEntry(member[..split], int.Parse(member[(split + 1)..], CultureInfo.InvariantCulture),
                DateTimeOffset.FromUnixTimeMilliseconds((long)double.Parse((string)result[i + 1]!, CultureInfo.InvariantCulture))));
        }
        return entries;
    }

    public Task CompleteAsync(TimerEntry entry, CancellationToken ct) =>
        redis.ScriptAsync(CompleteScript, [Member(entry)], ct);

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

    public Task<long> PendingCountAsync(CancellationToken ct) =>
        redis.RunAsync(async db => await db.SortedSetLengthAsync(RedisKeys.Timers) + await db.SortedSetLengthAsync(RedisKeys.TimersInFlight), ct);
}
