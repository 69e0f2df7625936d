namespace WarningDispatch.Service.Storage.Redis;

/// <summary>
/// Every Lua script the service runs. Each receives every key it touches through <c>KEYS</c> (names from
/// <see cref="RedisKeys"/>; none is built inside a script), and pub/sub channels through <c>ARGV</c>.
/// See <see cref="RedisKeys"/> for which scripts could run on a Redis Cluster as they are.
/// </summary>
public static class RedisScripts
{
    /// <summary>
    /// One change of a task, all or nothing: the task (version checked: optimistic concurrency; on create the
    /// instruction index set only if absent: idempotency), the task sets, the open-task and status counts, the next
    /// timer, the outbox entries, the task's entry in its case, and its entries in the features' indexes. On a create
    /// that links a case, each person key must still point where it did when read and the case must still be at the
    /// version read (else {2}: decide the link again); then the keys point to the case and its version grows. A task
    /// routed from memory names the duty version it was routed on: nothing is written unless it is still that ({3}).
    /// KEYS: task, instruction, all tasks, active tasks, open by officer, by status, timers, timer due, outbox, case
    /// (unused without one), duty version, n person keys…, m index keys…, timers in flight (last, so the offsets
    /// above stay put).
    /// ARGV: mode (create|update), taskId, expected version, new version, JSON, active (1|0), officer, status,
    /// timer member, timer due (ms), signal channel, case mode ('' | member | link), case id, member field, member
    /// JSON, expected case version, keep (ms), person key count n, expected duty version ('' for no check), n
    /// expected case ids ('' for none), index entry count m, m × (operation z+ | z- | h+ | h-, member, score or
    /// value), outbox entries….
    /// Returns {1, taskId}, {0, existing task id | stored version}, {2, ''} or {3, ''}.
    /// </summary>
    public const string CommitTask = """
        local task, instr, all, active, open, bystatus, timers, due, outbox, case =
          KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7], KEYS[8], KEYS[9], KEYS[10]
        local taskId, caseMode, people = ARGV[2], ARGV[12], tonumber(ARGV[18])
        if ARGV[19] ~= '' and (redis.call('GET', KEYS[11]) or '0') ~= ARGV[19] then return {3, ''} end
        if ARGV[1] == 'create' then
          local existing = redis.call('GET', instr)
          if existing then return {0, existing} end
          if caseMode == 'link' then
            for i = 1, people do
              if (redis.call('GET', KEYS[11 + i]) or '') ~= ARGV[19 + i] then return {2, ''} end
            end
            if (redis.call('HGET', case, 'v') or '0') ~= ARGV[16] then return {2, ''} end
          end
          redis.call('SET', instr, taskId)
          redis.call('SADD', all, taskId)
        else
          local v = redis.call('HGET', task, 'v')
          if v ~= ARGV[3] then return {0, v or ''} end
        end
        local old = redis.call('HMGET', task, 'a', 'o', 's', 't')
        if old[1] == '1' and old[2] and old[2] ~= '' then redis.call('HINCRBY', open, old[2], -1) end
        if ARGV[6] == '1' and ARGV[7] ~= '' then redis.call('HINCRBY', open, ARGV[7], 1) end
        if old[3] then redis.call('HINCRBY', bystatus, old[3], -1) end
        redis.call('HINCRBY', bystatus, ARGV[8], 1)
        if ARGV[6] == '1' then redis.call('SADD', active, taskId) else redis.call('SREM', active, taskId) end
        if old[4] and old[4] ~= '' then
          redis.call('ZREM', timers, old[4])
          -- A claimed timer is done once its task has moved on: the firing's own commit completes it, in this write.
          redis.call('ZREM', KEYS[#KEYS], old[4])
          redis.call('HDEL', due, old[4])
        end
        if ARGV[9] ~= '' then
          local first = redis.call('ZRANGE', timers, 0, 0, 'WITHSCORES')
          redis.call('ZADD', timers, ARGV[10], ARGV[9])
          redis.call('HSET', due, ARGV[9], ARGV[10])
          -- The timer pumps sleep until the earliest timer: wake them only when this one is earlier.
          if #first == 0 or tonumber(ARGV[10]) < tonumber(first[2]) then redis.call('PUBLISH', ARGV[11], 'timers') end
        end
        redis.call('HSET', task, 'v', ARGV[4], 'j', ARGV[5], 'a', ARGV[6], 'o', ARGV[7], 's', ARGV[8], 't', ARGV[9])
        if caseMode ~= '' then
          redis.call('HSET', case, ARGV[14], ARGV[15])
          if caseMode == 'link' then
            redis.call('HINCRBY', case, 'v', 1)
            for i = 1, people do redis.call('SET', KEYS[11 + i], ARGV[13], 'PX', ARGV[17]) end
          end
          redis.call('PEXPIRE', case, ARGV[17])
        end
        local indexes, at = tonumber(ARGV[20 + people]), 21 + people
        for i = 1, indexes do
          local key, op, member, value = KEYS[11 + people + i], ARGV[at], ARGV[at + 1], ARGV[at + 2]
          if op == 'z+' then redis.call('ZADD', key, value, member)
          elseif op == 'z-' then redis.call('ZREM', key, member)
          elseif op == 'h+' then redis.call('HSET', key, member, value)
          else redis.call('HDEL', key, member) end
          at = at + 3
        end
        if #ARGV >= at then
          -- The dispatcher is woken only when the outbox was empty: while it holds entries it keeps draining.
          if redis.call('RPUSH', outbox, unpack(ARGV, at)) == #ARGV - at + 1 then
            redis.call('PUBLISH', ARGV[11], 'outbox')
          end
        end
        return {1, taskId}
        """;

    /// <summary>
    /// Claims due timers: expired leases first, then due entries, each moved to the in-flight set scored by its
    /// lease expiry, so with several instances each entry goes to exactly one.
    /// KEYS: timers, timers in flight, timer due. ARGV: now (ms), max, lease until (ms).
    /// Returns member, due (ms), member, due (ms), …
    /// </summary>
    public const string ClaimTimers = """
        local timers, inflight, due = KEYS[1], KEYS[2], KEYS[3]
        local out = {}
        local expired = redis.call('ZRANGEBYSCORE', inflight, '-inf', ARGV[1], 'LIMIT', 0, ARGV[2])
        for _, m in ipairs(expired) do
          redis.call('ZADD', inflight, ARGV[3], m)
          table.insert(out, m)
          table.insert(out, redis.call('HGET', due, m) or ARGV[1])
        end
        local room = tonumber(ARGV[2]) - #expired
        if room > 0 then
          local ready = redis.call('ZRANGEBYSCORE', timers, '-inf', ARGV[1], 'WITHSCORES', 'LIMIT', 0, room)
          for i = 1, #ready, 2 do
            redis.call('ZREM', timers, ready[i])
            redis.call('ZADD', inflight, ARGV[3], ready[i])
            table.insert(out, ready[i])
            table.insert(out, ready[i + 1])
          end
        end
        return out
        """;

    /// <summary>
    /// Completes a claimed timer whose firing changed nothing (stale, or nothing due); one that escalated was completed
    /// by the task's commit. KEYS: timers in flight, timers, timer due. ARGV: member.
    /// </summary>
    public const string CompleteTimer = """
        redis.call('ZREM', KEYS[1], ARGV[1])
        if not redis.call('ZSCORE', KEYS[2], ARGV[1]) then redis.call('HDEL', KEYS[3], ARGV[1]) end
        return 1
        """;

    /// <summary>
    /// Removes the outbox's first entries, which went out, and says how many remain: the dispatcher goes on while
    /// any do, because a commit wakes it only when it finds the outbox empty. KEYS: outbox. ARGV: count.
    /// </summary>
    public const string TrimOutbox = """
        redis.call('LTRIM', KEYS[1], ARGV[1], -1)
        return redis.call('LLEN', KEYS[1])
        """;

    /// <summary>
    /// Takes or renews the outbox lead. KEYS: lead. ARGV: instance id, lease (ms). Returns 1 when led.
    /// </summary>
    public const string LeadOutbox = """
        local holder = redis.call('GET', KEYS[1])
        if holder == false or holder == ARGV[1] then
          redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
          return 1
        end
        return 0
        """;

    /// <summary>
    /// One heartbeat of a service instance: marks it alive until a time, forgets instances whose time has passed.
    /// KEYS: live instances (sorted set, score = alive until, ms). ARGV: instance id, now (ms), alive until (ms),
    /// now - 1 (ms). Returns {1 if this instance was still alive before the beat else 0, how many others are alive}.
    /// </summary>
    public const string BeatInstance = """
        local was = redis.call('ZSCORE', KEYS[1], ARGV[1])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[4])
        redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
        local alive = redis.call('ZCARD', KEYS[1])
        local wasAlive = 0
        if was and tonumber(was) >= tonumber(ARGV[2]) then wasAlive = 1 end
        return {wasAlive, alive - 1}
        """;

    /// <summary>
    /// Keeps a rejection, queues its Rejected feedback, and trims the oldest past the age, count and byte limits
    /// (at most a given number per call, so one add stays short).
    /// KEYS: index, byte count, summaries, bodies, sizes, outbox, the day's rejected counter (never trimmed).
    /// ARGV: id, summary, body, arrival (ms), feedback ('' for none), oldest allowed (ms), max count, max bytes,
    /// trim limit, signal channel, comma-separated counter fields ('' for none). Returns how many were trimmed.
    /// </summary>
    public const string AddRejection = """
        local index, bytesKey, summaries, bodies, sizes, outbox = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6]
        local size = string.len(ARGV[2]) + string.len(ARGV[3])
        redis.call('HSET', summaries, ARGV[1], ARGV[2])
        redis.call('HSET', bodies, ARGV[1], ARGV[3])
        redis.call('HSET', sizes, ARGV[1], size)
        redis.call('ZADD', index, ARGV[4], ARGV[1])
        for field in string.gmatch(ARGV[11] or '', '[^,]+') do redis.call('HINCRBY', KEYS[7], field, 1) end
        local bytes = redis.call('INCRBY', bytesKey, size)
        if ARGV[5] ~= '' then
          if redis.call('RPUSH', outbox, ARGV[5]) == 1 then redis.call('PUBLISH', ARGV[10], 'outbox') end
        end
        local trimmed = 0
        while trimmed < tonumber(ARGV[9]) do
          local oldest = redis.call('ZRANGE', index, 0, 0, 'WITHSCORES')
          if #oldest == 0 then break end
          local count = redis.call('ZCARD', index)
          if count <= tonumber(ARGV[7]) and bytes <= tonumber(ARGV[8]) and tonumber(oldest[2]) >= tonumber(ARGV[6])
            then break end
          local oldSize = tonumber(redis.call('HGET', sizes, oldest[1]) or '0')
          redis.call('HDEL', summaries, oldest[1])
          redis.call('HDEL', bodies, oldest[1])
          redis.call('HDEL', sizes, oldest[1])
          redis.call('ZREM', index, oldest[1])
          bytes = redis.call('DECRBY', bytesKey, oldSize)
          trimmed = trimmed + 1
        end
        return trimmed
        """;

    /// <summary>
    /// Keeps a fraud report whose id is new, and queues the outbox entry that applies it, in one step: a report id
    /// seen before writes nothing. KEYS: report, outbox. ARGV: report JSON, outbox entry, signal channel.
    /// Returns 1 when kept, 0 for a known id.
    /// </summary>
    public const string RecordFraudReport = """
        if not redis.call('SET', KEYS[1], ARGV[1], 'NX') then return 0 end
        if redis.call('RPUSH', KEYS[2], ARGV[2]) == 1 then redis.call('PUBLISH', ARGV[3], 'outbox') end
        return 1
        """;

    /// <summary>
    /// Writes an applied fraud report and lists it as matched or unmatched (out of the other list).
    /// KEYS: report, this list, the other list. ARGV: report JSON, report id, arrival (ms).
    /// </summary>
    public const string ApplyFraudReport = """
        redis.call('SET', KEYS[1], ARGV[1])
        redis.call('ZADD', KEYS[2], ARGV[3], ARGV[2])
        redis.call('ZREM', KEYS[3], ARGV[2])
        return 1
        """;

    /// <summary>
    /// The duty version and the duty hash in one atomic read, so a cached roster is never newer or older than its
    /// version. KEYS: duty version, duty. Returns {version, {officer, flag, …}}.
    /// </summary>
    public const string ReadDuty = """
        return {redis.call('GET', KEYS[1]) or '0', redis.call('HGETALL', KEYS[2])}
        """;

    /// <summary>
    /// Begins a sign-in attempt against its account and its address (sliding windows of sorted sets).
    /// KEYS: account, address. ARGV: now (ms), window (ms), attempt id, account limit, address limit.
    /// Returns 0 when the attempt was added, otherwise the milliseconds until a limit lets one through again.
    /// </summary>
    public const string BeginSignIn = """
        local now, window = tonumber(ARGV[1]), tonumber(ARGV[2])
        local wait = 0
        for i = 1, 2 do
          local limit = tonumber(ARGV[3 + i])
          redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - window)
          local count = redis.call('ZCARD', KEYS[i])
          if count >= limit then
            local oldest = redis.call('ZRANGE', KEYS[i], count - limit, count - limit, 'WITHSCORES')
            wait = math.max(wait, tonumber(oldest[2]) + window - now)
          end
        end
        if wait > 0 then return wait end
        for i = 1, 2 do
          redis.call('ZADD', KEYS[i], now, ARGV[3])
          redis.call('ZREMRANGEBYRANK', KEYS[i], 0, -tonumber(ARGV[3 + i]) - 1)
          redis.call('PEXPIRE', KEYS[i], window)
        end
        return 0
        """;

    /// <summary>A sign-in succeeded: forgive its account, uncount it at its address. KEYS: account, address.
    /// ARGV: attempt id.</summary>
    public const string SignInSucceeded = """
        redis.call('DEL', KEYS[1])
        redis.call('ZREM', KEYS[2], ARGV[1])
        return 1
        """;
}
