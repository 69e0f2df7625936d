using System.Globalization;
using System.Text.Json;
using StackExchange.Redis;
using WarningDispatch.Contracts;
using WarningDispatch.Domain.Ingest;
using WarningDispatch.Domain.Tasks;
using WarningDispatch.Service.Tasks;

namespace WarningDispatch.Service.Storage.Redis;

/// <summary>
/// Tasks in Redis. One Lua script (<see cref="RedisScripts.CommitTask"/>) writes a task, its indexes, its outbox
/// entries and its next timer atomically — the Redis equivalent of a transactional outbox: either the task changed
/// and its feedback and deadline are recorded with it, or nothing happened. With <c>appendfsync always</c> the write
/// is on disk before the script returns, so the message that caused it may then be acknowledged.
/// </summary>
public sealed class RedisTaskStore(RedisGateway redis) : ITaskStore
{
    const int ReadChunk = 500;

    public async Task<CreateResult> CreateAsync(TaskCommit commit, CancellationToken ct)
    {
        var result = await CommitAsync("create", commit, ct);
        return (int)result[0] switch
        {
            1 => new CreateResult(CreateOutcome.Created, commit.Task.TaskId),
            2 => new CreateResult(CreateOutcome.CaseChanged, commit.Task.TaskId),
            3 => new CreateResult(CreateOutcome.RosterChanged, commit.Task.TaskId),
            _ => new CreateResult(CreateOutcome.Duplicate, (string)result[1]!),
        };
    }

    public async Task<bool> UpdateAsync(TaskCommit commit, CancellationToken ct) =>
        (int)(await CommitAsync("update", commit, ct))[0] == 1;

    async Task<RedisResult[]> CommitAsync(string mode, TaskCommit commit, CancellationToken ct)
    {
        var task = commit.Task;
        var inCase = commit.Case;
        var people = inCase?.Link?.Keys ?? [];
        var indexes = commit.Indexes ?? [];
        List<RedisKey> keys =
        [
            RedisKeys.Task(task.TaskId), RedisKeys.Instruction(task.InstructionId), RedisKeys.AllTasks,
            RedisKeys.ActiveTasks, RedisKeys.OpenTasksByOfficer, RedisKeys.TasksByStatus, RedisKeys.Timers,
            RedisKeys.TimerDue, RedisKeys.Outbox, inCase is null ? RedisKeys.NoCase : RedisKeys.Case(inCase.CaseId),
            RedisKeys.DutyVersion,
            .. people.Select(p => RedisKeys.Person(p.Key)),
            .. indexes.Select(e => RedisKeys.Index(e.Index)),
            RedisKeys.TimersInFlight,
        ];
        var args = new List<RedisValue>
        {
            mode, task.TaskId, Invariant(commit.ExpectedVersion), Invariant(task.Version),
            Utf8Json(task), task.IsActive ? "1" : "0", task.OfficerId ?? "",
            task.Status.ToString(),
            commit.WakeUp is { } wake ? RedisTimerQueue.Member(wake) : "",
            commit.WakeUp is { } due ? Invariant(due.DueAt.ToUnixTimeMilliseconds()) : "",
            RedisKeys.SignalName,
            inCase is null ? "" : inCase.Link is null ? "member" : "link",
            inCase?.CaseId ?? "",
            inCase is null ? "" : RedisKeys.CaseMemberField(task.TaskId),
            inCase is null ? "" : Utf8Json(inCase.Member),
            Invariant(inCase?.Link?.ExpectedVersion ?? 0),
            Invariant((long)(inCase?.KeepFor.TotalMilliseconds ?? 0)),
            Invariant(people.Count),
            commit.ExpectedDutyVersion ?? "",
        };
        args.AddRange(people.Select(p => (RedisValue)(p.Expected ?? "")));
        args.Add(indexes.Count);
        foreach (var entry in indexes) args.AddRange(IndexArguments(entry));
        args.AddRange(commit.Outbox.Select(m => (RedisValue)Utf8Json(m)));
        return (RedisResult[])(await redis.ScriptAsync(RedisScripts.CommitTask, keys.ToArray(), args.ToArray(), ct))!;
    }

    static RedisValue[] IndexArguments(IndexEntry e) => (e.Kind, e.Remove) switch
    {
        (IndexKind.Sorted, false) => ["z+", e.Member, e.Score],
        (IndexKind.Sorted, true) => ["z-", e.Member, ""],
        (IndexKind.Hash, false) => ["h+", e.Member, e.Value],
        _ => ["h-", e.Member, ""],
    };

    // Straight to the bytes Redis stores: no UTF-16 string in between, encoded back to UTF-8 on the way out.
    static byte[] Utf8Json<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, WireFormat.Stored);

    static DispatchTask ReadTask(RedisValue json) =>
        JsonSerializer.Deserialize<DispatchTask>(((ReadOnlyMemory<byte>)json).Span, WireFormat.Options)!;

    static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    public async Task<DispatchTask?> GetAsync(string taskId, CancellationToken ct)
    {
        var json = await redis.RunAsync(db => db.HashGetAsync(RedisKeys.Task(taskId), "j"), ct);
        return json.IsNull ? null : ReadTask(json);
    }

    public async Task<string?> FindByInstructionAsync(string instructionId, CancellationToken ct)
    {
        var id = await redis.RunAsync(db => db.StringGetAsync(RedisKeys.Instruction(instructionId)), ct);
        return id.IsNull ? null : (string)id!;
    }

    public async Task<IReadOnlyList<DispatchTask>> ListActiveAsync(CancellationToken ct)
    {
        var ids = await redis.RunAsync(db => db.SetMembersAsync(RedisKeys.ActiveTasks), ct);
        return await GetManyAsync(ids.Select(id => (string)id!).ToList(), ct);
    }

    public async Task<IReadOnlyList<DispatchTask>> GetManyAsync(IReadOnlyList<string> taskIds, CancellationToken ct)
    {
        var tasks = new List<DispatchTask>(taskIds.Count);
        foreach (var chunk in taskIds.Chunk(ReadChunk))
        {
            var values = await redis.RunAsync(db =>
            {
                var batch = db.CreateBatch();
                var reads = chunk.Select(id => batch.HashGetAsync(RedisKeys.Task(id), "j")).ToList();
                batch.Execute();
                return Task.WhenAll(reads);
            }, ct);
            tasks.AddRange(values.Where(v => !v.IsNull)
                .Select(ReadTask));
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
        var counts = new Dictionary<DispatchStatus, long>();
        foreach (var entry in entries)
            if (Enum.TryParse<DispatchStatus>(entry.Name, out var status)) counts[status] = (long)entry.Value;
        return counts;
    }
}
