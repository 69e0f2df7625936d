using System.Globalization;
using System.Text.Json;
using StackExchange.Redis;
using WarningDispatch.Contracts;
using WarningDispatch.Domain.Ingest;
using WarningDispatch.Domain.Tasks;
using WarningDispatch.Service.Escalation;
using WarningDispatch.Service.Hosting;

namespace WarningDispatch.Service.Tasks;

/// <summary>
/// Tasks in Redis. One Lua script writes a task, its indexes, its outbox entries and its next timer atomically —
/// the Redis equivalent of a transactional outbox: either the task changed and its feedback and deadline are
/// recorded with it, or nothing happened. With <c>appendfsync always</c> the write is on disk before the script
/// returns, so the message that caused it may then be acknowledged.
/// </summary>
public sealed class RedisTaskStore(RedisGateway redis) : ITaskStore
{
    // ARGV: mode, taskId, instructionId, expectedVersion, newVersion, json, active, officerId, status,
    //       timerMember, timerDueMs, outbox entries...  Returns {1, taskId} or {0, existing id | stored version}.
    const string CommitScript = """
        local p = 'wd:'
        local taskId, instr = ARGV[2], ARGV[3]
        local tkey = p .. 'task:' .. taskId
        if ARGV[1] == 'create' then
          local existing = redis.call('GET', p .. 'instr:' .. instr)
          if existing then return {0, existing} end
          redis.call('SET', p .. 'instr:' .. instr, taskId)
          redis.call('SADD', p .. 'tasks:all', taskId)
        else
          local v = redis.call('HGET', tkey, 'v')
          if v ~= ARGV[4] then return {0, v or ''} end
        end
        local old = redis.call('HMGET', tkey, 'a', 'o', 's', 't')
        if old[1] == '1' and old[2] and old[2] ~= '' then redis.call('HINCRBY', p .. 'open', old[2], -1) end
        if ARGV[7] == '1' and ARGV[8] ~= '' then redis.call('HINCRBY', p .. 'open', ARGV[8], 1) end
        if old[3] then redis.call('HINCRBY', p .. 'status', old[3], -1) end
        redis.call('HINCRBY', p .. 'status', ARGV[9], 1)
        if ARGV[7] == '1' then redis.call('SADD', p .. 'tasks:active', taskId) else redis.call('SREM', p .. 'tasks:active', taskId) end
        if old[4] and old[4] ~= '' then
          redis.call('ZREM', p .. 'timers', old[4])
          redis.call('HDEL', p .. 'timers:due', old[4])
        end
        if ARGV[10] ~= '' then
          local first = redis.call('ZRANGE', p .. 'timers', 0, 0, 'WITHSCORES')
          redis.call('ZADD', p .. 'timers', ARGV[11], ARGV[10])
          redis.call('HSET', p .. 'timers:due', ARGV[10], ARGV[11])
          -- The timer pumps sleep until the earliest timer: wake them only when this one is earlier.
          if #first == 0 or tonumber(ARGV[11]) < tonumber(first[2]) then redis.call('PUBLISH', p .. 'signal', 'timers') end
        end
        redis.call('HSET', tkey, 'v', ARGV[5], 'j', ARGV[6], 'a', ARGV[7], 'o', ARGV[8], 's', ARGV[9], 't', ARGV[10])
        if #ARGV > 11 then
          redis.call('RPUSH', p .. 'outbox', unpack(ARGV, 12))
          redis.call('PUBLISH', p .. 'signal', 'outbox')
        end
        return {1, taskId}
        """;

    public async Task<CreateResult> CreateAsync(TaskCommit commit, CancellationToken ct)
    {
        var result = (RedisResult[])(await redis.ScriptAsync(CommitScript, Arguments("create", commit), ct))!;
        return (int)result[0] == 1
            ? new CreateResult(CreateOutcome.Created, commit.Task.TaskId)
            : new CreateResult(CreateOutcome.Duplicate, (string)result[1]!);
    }

    public async Task<bool> UpdateAsync(TaskCommit commit, CancellationToken ct)
    {
        var result = (RedisResult[])(await redis.ScriptAsync(CommitScript, Arguments("update", commit), ct))!;
        return (int)result[0] == 1;
    }

    static RedisValue[] Arguments(string mode, TaskCommit commit)
    {
        var task = commit.Task;
        var args = new List<RedisValue>
        {
            mode, task.TaskId, task.InstructionId, commit.ExpectedVersion.ToString(CultureInfo.InvariantCulture), task.Version.ToString(CultureInfo.InvariantCulture),
            JsonSerializer.Serialize(task, WireFormat.Options), task.IsActive ? "1" : "0", task.OfficerId ?? "", task.Status.ToString(),
            commit.WakeUp is { } w ? RedisTimerQueue.Member(w) : "", commit.WakeUp is { } d ? d.DueAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) : "",
        };
        args.AddRange(commit.Outbox.Select(m => (RedisValue)JsonSerializer.Serialize(m, WireFormat.Options)));
        return args.ToArray();
    }

    public async Task<DispatchTask?> GetAsync(string taskId, CancellationToken ct)
    {
        var json = await redis.RunAsync(db => db.HashGetAsync(RedisKeys.Task(taskId), "j"), ct);
        return json.IsNull ? null : JsonSerializer.Deserialize<DispatchTask>((string)json!, WireFormat.Options);
    }

    public async Task<string?> FindByInstructionAsync(string instructionId, CancellationToken ct)
    {
        var id = await redis.RunAsync(db => db.StringGetAsync(RedisKeys.Instruction(instructionId)), ct);
        return id.IsNull ? null : (string)id!;
    }

    public async Task<IReadOnlyList<DispatchTask>> ListAsync(bool activeOnly, CancellationToken ct)
    {
        var ids = await redis.RunAsync(db => db.SetMembersAsync(activeOnly ? RedisKeys.ActiveTasks : RedisKeys.AllTasks), ct);
        var tasks = new List<DispatchTask>(ids.Length);
        foreach (var chunk in ids.Chunk(500))
        {
            var values = await redis.RunAsync(db =>
            {
                var batch = db.CreateBatch();
                var reads = chunk.Select(id => batch.HashGetAsync(RedisKeys.Task((string)id!), "j")).ToList();
                batch.Execute();
                return Task.WhenAll(reads);
            }, ct);
            tasks.AddRange(values.Where(v => !v.IsNull).Select(v => JsonSerializer.Deserialize<DispatchTask>((string)v!, WireFormat.Options)!));
        }
        return tasks;
    }

    public async Task<IReadOnlyDictionary<string, int>> OpenTaskCountsAsync(CancellationToken ct)
    {
        var entries = await redis.RunAsync(db => db.HashGetAllAsync(RedisKeys.OpenTasksByOfficer), ct);
        return entries.ToDictionary(e => (string)e.Name!, e => (int)e.Value);
    }

    public async Task<IReadOnlyDictionary<DispatchStatus, long>> CountByStatusAsync(CancellationToken ct)
    {
        var entries = await redis.RunAsync(db => db.HashGetAllAsync(RedisKeys.TasksByStatus), ct);
        return entries.Where(e => Enum.TryParse<DispatchStatus>(e.Name, out _)).ToDictionary(e => Enum.Parse<DispatchStatus>(e.Name!), e => (long)e.Value);
    }
}
