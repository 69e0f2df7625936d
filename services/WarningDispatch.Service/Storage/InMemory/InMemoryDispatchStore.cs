using System.Text.Json;
using WarningDispatch.Contracts;
using WarningDispatch.Domain.Cases;
using WarningDispatch.Domain.Ingest;
using WarningDispatch.Domain.Tasks;
using WarningDispatch.Service.Cases;
using WarningDispatch.Service.Escalation;
using WarningDispatch.Service.Feedback;
using WarningDispatch.Service.Tasks;

namespace WarningDispatch.Service.Storage.InMemory;

/// <summary>
/// The embedded store: everything in process memory, behind the same contracts the Redis store keeps. Tasks are
/// kept serialized, as a real store would, so no caller can change a stored task by accident. One lock makes each
/// commit atomic, as the Lua script does in Redis.
/// </summary>
public sealed class InMemoryDispatchStore(DispatchSignals signals)
    : ITaskStore, ITimerQueue, IOutbox, ICaseStore, ITaskIndexReader
{
    readonly Lock _gate = new();
    readonly Dictionary<string, StoredTask> _tasks = new(StringComparer.Ordinal);
    readonly Dictionary<string, string> _byInstruction = new(StringComparer.Ordinal);
    readonly List<OutboxMessage> _outbox = [];
    readonly SortedSet<(DateTimeOffset Due, long Seq)> _timers = [];
    readonly Dictionary<long, (TimerEntry Entry, DateTimeOffset LeaseUntil)> _timerEntries = new();
    readonly Dictionary<string, long> _timerByTask = new(StringComparer.Ordinal);
    readonly Dictionary<string, string> _people = new(StringComparer.Ordinal);
    readonly Dictionary<string, StoredCase> _cases = new(StringComparer.Ordinal);
    /// <summary>Index name → member → score (sorted) or value (hash).</summary>
    readonly Dictionary<string, Dictionary<string, (double Score, string? Value)>> _indexes =
        new(StringComparer.Ordinal);
    long _sequence;

    public Task<CreateResult> CreateAsync(TaskCommit commit, CancellationToken ct)
    {
        lock (_gate)
        {
            if (_byInstruction.TryGetValue(commit.Task.InstructionId, out var existing))
                return Task.FromResult(new CreateResult(CreateOutcome.Duplicate, existing));
            if (commit.Case?.Link is { } link && !StillAsRead(link))
                return Task.FromResult(new CreateResult(CreateOutcome.CaseChanged, commit.Task.TaskId));
            _byInstruction[commit.Task.InstructionId] = commit.Task.TaskId;
            Write(commit);
        }
        Signal(commit);
        return Task.FromResult(new CreateResult(CreateOutcome.Created, commit.Task.TaskId));
    }

    public Task<bool> UpdateAsync(TaskCommit commit, CancellationToken ct)
    {
        lock (_gate)
        {
            if (!_tasks.TryGetValue(commit.Task.TaskId, out var stored) || stored.Version != commit.ExpectedVersion)
                return Task.FromResult(false);
            Write(commit);
        }
        Signal(commit);
        return Task.FromResult(true);
    }

    void Write(TaskCommit commit)
    {
        var task = commit.Task;
        _tasks[task.TaskId] = new StoredTask(task.Version, JsonSerializer.Serialize(task, WireFormat.Stored),
            task.IsActive, task.OfficerId, task.Status);
        _outbox.AddRange(commit.Outbox);
        if (commit.Case is { } inCase) WriteCase(inCase);
        foreach (var entry in commit.Indexes ?? []) WriteIndex(entry);
        if (_timerByTask.Remove(task.TaskId, out var old) && _timerEntries.Remove(old, out var previous))
            _timers.Remove((previous.Entry.DueAt, old));
        if (commit.WakeUp is { } wake)
        {
            var seq = ++_sequence;
            _timers.Add((wake.DueAt, seq));
            _timerEntries[seq] = (wake, DateTimeOffset.MinValue);
            _timerByTask[task.TaskId] = seq;
        }
    }

    void WriteIndex(IndexEntry entry)
    {
        if (!_indexes.TryGetValue(entry.Index, out var index))
        {
            if (entry.Remove) return;
            _indexes[entry.Index] = index = new Dictionary<string, (double, string?)>(StringComparer.Ordinal);
        }
        if (entry.Remove) index.Remove(entry.Member);
        else index[entry.Member] = (entry.Score, entry.Value);
    }

    public Task<IReadOnlyList<IndexedMember>> RangeAsync(
        string index, double min, double max, bool highestFirst, int skip, int take, CancellationToken ct)
    {
        lock (_gate)
        {
            var inRange = InRange(index, min, max);
            var ordered = highestFirst
                ? inRange.OrderByDescending(m => m.Score).ThenByDescending(m => m.Member, StringComparer.Ordinal)
                : inRange.OrderBy(m => m.Score).ThenBy(m => m.Member, StringComparer.Ordinal);
            return Task.FromResult<IReadOnlyList<IndexedMember>>(ordered.Skip(skip).Take(take).ToList());
        }
    }

    public Task<long> CountAsync(string index, double min, double max, CancellationToken ct)
    {
        lock (_gate) return Task.FromResult((long)InRange(index, min, max).Count());
    }

    IEnumerable<IndexedMember> InRange(string index, double min, double max) =>
        (_indexes.GetValueOrDefault(index) ?? [])
        .Where(e => e.Value.Score >= min && e.Value.Score <= max)
        .Select(e => new IndexedMember(e.Key, e.Value.Score));

    public Task<IReadOnlyList<KeyValuePair<string, string>>> ValuesAsync(
        IReadOnlyList<string> indexes, CancellationToken ct)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyList<KeyValuePair<string, string>>>(indexes
                .SelectMany(i => _indexes.GetValueOrDefault(i) ?? [])
                .Select(e => KeyValuePair.Create(e.Key, e.Value.Value ?? "")).ToList());
    }

    bool StillAsRead(CaseLink link) =>
        link.Keys.All(k => _people.GetValueOrDefault(k.Key) == k.Expected)
        && (_cases.TryGetValue(link.CaseId, out var c) ? c.Version : 0) == link.ExpectedVersion;

    void WriteCase(CaseCommit commit)
    {
        if (!_cases.TryGetValue(commit.CaseId, out var stored))
            _cases[commit.CaseId] = stored = new StoredCase();
        stored.Members[commit.Member.TaskId] = commit.Member;
        if (commit.Link is not { } link) return;
        stored.Version++;
        foreach (var key in link.Keys) _people[key.Key] = link.CaseId;
    }

    public Task<(CaseView? ById, CaseView? ByPhone)> FindAsync(PersonKeys keys, CancellationToken ct)
    {
        lock (_gate)
            return Task.FromResult((View(keys.IdKey is { } id ? _people.GetValueOrDefault(id) : null),
                View(_people.GetValueOrDefault(keys.PhoneKey))));
    }

    public Task<CaseView?> GetCaseAsync(string caseId, CancellationToken ct)
    {
        lock (_gate) return Task.FromResult(View(caseId));
    }

    CaseView? View(string? caseId) => caseId is not null && _cases.TryGetValue(caseId, out var c)
        ? new CaseView(caseId, c.Version, c.Members.Values.ToList())
        : null;

    void Signal(TaskCommit commit)
    {
        if (commit.Outbox.Count > 0) signals.Outbox.Set();
        if (commit.WakeUp is not null) signals.Timers.Set();
    }

    public Task<DispatchTask?> GetAsync(string taskId, CancellationToken ct)
    {
        string? json;
        lock (_gate) json = _tasks.TryGetValue(taskId, out var t) ? t.Json : null;
        return Task.FromResult(json is null
            ? null
            : JsonSerializer.Deserialize<DispatchTask>(json, WireFormat.Options));
    }

    public Task<IReadOnlyList<DispatchTask>> GetManyAsync(IReadOnlyList<string> taskIds, CancellationToken ct)
    {
        List<string> json;
        lock (_gate) json = taskIds.Select(id => _tasks.TryGetValue(id, out var t) ? t.Json : null).OfType<string>()
            .ToList();
        return Task.FromResult<IReadOnlyList<DispatchTask>>(
            json.Select(j => JsonSerializer.Deserialize<DispatchTask>(j, WireFormat.Options)!).ToList());
    }

    public Task<string?> FindByInstructionAsync(string instructionId, CancellationToken ct)
    {
        lock (_gate) return Task.FromResult(_byInstruction.GetValueOrDefault(instructionId));
    }

    public Task<IReadOnlyList<DispatchTask>> ListActiveAsync(CancellationToken ct)
    {
        List<string> json;
        lock (_gate) json = _tasks.Values.Where(t => t.Active).Select(t => t.Json).ToList();
        return Task.FromResult<IReadOnlyList<DispatchTask>>(
            json.Select(j => JsonSerializer.Deserialize<DispatchTask>(j, WireFormat.Options)!).ToList());
    }

    public Task<IReadOnlyDictionary<string, int>> OpenTaskCountsAsync(CancellationToken ct)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyDictionary<string, int>>(_tasks.Values
                .Where(t => t.Active && t.OfficerId is not null)
                .GroupBy(t => t.OfficerId!)
                .ToDictionary(g => g.Key, g => g.Count()));
    }

    public Task<IReadOnlyDictionary<DispatchStatus, long>> CountByStatusAsync(CancellationToken ct)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyDictionary<DispatchStatus, long>>(
                _tasks.Values.GroupBy(t => t.Status).ToDictionary(g => g.Key, g => (long)g.Count()));
    }

    public Task<IReadOnlyList<TimerEntry>> ClaimDueAsync(DateTimeOffset now, int max, TimeSpan lease,
        CancellationToken ct)
    {
        var claimed = new List<TimerEntry>();
        lock (_gate)
        {
            foreach (var (due, seq) in _timers)
            {
                if (due > now || claimed.Count >= max) break;
                var (entry, leaseUntil) = _timerEntries[seq];
                if (leaseUntil > now) continue;
                _timerEntries[seq] = (entry, now + lease);
                claimed.Add(entry);
            }
        }
        return Task.FromResult<IReadOnlyList<TimerEntry>>(claimed);
    }

    public Task CompleteAsync(TimerEntry entry, CancellationToken ct)
    {
        lock (_gate)
        {
            if (_timerByTask.TryGetValue(entry.TaskId, out var seq) && _timerEntries[seq].Entry == entry)
            {
                _timerByTask.Remove(entry.TaskId);
                _timerEntries.Remove(seq);
                _timers.Remove((entry.DueAt, seq));
            }
        }
        return Task.CompletedTask;
    }

    public Task<DateTimeOffset?> NextDueAsync(CancellationToken ct)
    {
        lock (_gate)
        {
            DateTimeOffset? next = null;
            foreach (var (due, seq) in _timers)
            {
                var leaseUntil = _timerEntries[seq].LeaseUntil;
                var at = leaseUntil > due ? leaseUntil : due;
                if (next is null || at < next) next = at;
                if (leaseUntil <= due) break;
            }
            return Task.FromResult(next);
        }
    }

    Task<bool> IOutbox.TryLeadAsync(string instanceId, TimeSpan lease, CancellationToken ct) => Task.FromResult(true);

    Task<IReadOnlyList<OutboxMessage>> IOutbox.PendingAsync(int max, CancellationToken ct)
    {
        lock (_gate) return Task.FromResult<IReadOnlyList<OutboxMessage>>(_outbox.Take(max).ToList());
    }

    Task<long> IOutbox.RemoveFirstAsync(int count, CancellationToken ct)
    {
        lock (_gate)
        {
            _outbox.RemoveRange(0, Math.Min(count, _outbox.Count));
            return Task.FromResult((long)_outbox.Count);
        }
    }

    /// <summary>For the embedded rejection and fraud report stores: an entry written with their own write.</summary>
    internal void Enqueue(OutboxMessage message)
    {
        lock (_gate) _outbox.Add(message);
        signals.Outbox.Set();
    }

    readonly record struct StoredTask(int Version, string Json, bool Active, string? OfficerId, DispatchStatus Status);

    sealed class StoredCase
    {
        public long Version;
        public readonly Dictionary<string, CaseMember> Members = new(StringComparer.Ordinal);
    }
}
