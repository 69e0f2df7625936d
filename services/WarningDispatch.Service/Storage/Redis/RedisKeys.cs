using StackExchange.Redis;

namespace WarningDispatch.Service.Storage.Redis;

/// <summary>
/// Every key and channel the service keeps in Redis, in one place; scripts get them through <c>KEYS</c> only.
/// A task's own keys carry the task id as hash tag (<c>wd:{T…}:task</c>), so on a Redis Cluster they share a slot.
/// <para>
/// Cluster limitation: the task commit also writes global keys (instruction index, task sets, counts, timers,
/// outbox, the task's case and its person keys), and the timer, outbox, rejection, duty and instance scripts work on
/// global keys only. On a cluster those scripts would run (their keys share no tag with a task, but each script's
/// global keys would have to share one slot: give them a common tag such as <c>{wd}</c>), while the commit script
/// would be cross-slot: it would need the indexes, timers and outbox split per slot (e.g. one outbox and one timer set
/// per task tag range). Not done: one Redis primary with AOF is what the service runs on today.
/// </para>
/// </summary>
public static class RedisKeys
{
    const string Prefix = "wd:";

    /// <summary>A task: hash of version <c>v</c>, JSON <c>j</c>, active <c>a</c>, officer <c>o</c>, status <c>s</c>,
    /// timer member <c>t</c>.</summary>
    public static RedisKey Task(string taskId) => $"{Prefix}{{{taskId}}}:task";
    /// <summary>Instruction id → task id: the idempotency index.</summary>
    public static RedisKey Instruction(string instructionId) => $"{Prefix}instr:{instructionId}";
    /// <summary>A case: hash of version <c>v</c> and one member JSON per task (<c>m:{taskId}</c>).</summary>
    public static RedisKey Case(string caseId) => $"{Prefix}case:{caseId}";
    /// <summary>A task's field in its case's hash.</summary>
    public static string CaseMemberField(string taskId) => "m:" + taskId;
    /// <summary>The key a commit of a task in no case passes in the case's place (never written).</summary>
    public static readonly RedisKey NoCase = Prefix + "case:-";
    /// <summary>A person key (a keyed hash of a phone or id number, never the number) → case id.</summary>
    public static RedisKey Person(string personKey) => $"{Prefix}person:{personKey}";
    /// <summary>A feature's index over tasks (<see cref="Tasks.IndexEntry"/>): a sorted set or a hash.</summary>
    public static RedisKey Index(string name) => $"{Prefix}ix:{name}";
    public static readonly RedisKey ActiveTasks = Prefix + "tasks:active";
    public static readonly RedisKey AllTasks = Prefix + "tasks:all";
    /// <summary>Hash: officer id → unresolved tasks.</summary>
    public static readonly RedisKey OpenTasksByOfficer = Prefix + "open";
    /// <summary>Hash: status → tasks.</summary>
    public static readonly RedisKey TasksByStatus = Prefix + "status";
    /// <summary>Sorted set of timer members (<c>taskId|version</c>) by due time (ms).</summary>
    public static readonly RedisKey Timers = Prefix + "timers";
    /// <summary>Sorted set of claimed timer members by lease expiry (ms).</summary>
    public static readonly RedisKey TimersInFlight = Prefix + "timers:inflight";
    /// <summary>Hash: timer member → due time (ms), kept while the member is in flight.</summary>
    public static readonly RedisKey TimerDue = Prefix + "timers:due";
    /// <summary>List of outbox entries (JSON), oldest first.</summary>
    public static readonly RedisKey Outbox = Prefix + "outbox";
    public static readonly RedisKey OutboxLead = Prefix + "outbox:lead";
    /// <summary>Rejection ids scored by arrival (ms), for paging newest first and trimming oldest first.</summary>
    public static readonly RedisKey RejectionIndex = Prefix + "rejindex";
    public static readonly RedisKey RejectionBytes = Prefix + "rejbytes";
    /// <summary>Hash: rejection id → summary JSON.</summary>
    public static readonly RedisKey RejectionSummaries = Prefix + "rej:summaries";
    /// <summary>Hash: rejection id → raw body as received (at most its first 4 KB when too large).</summary>
    public static readonly RedisKey RejectionBodies = Prefix + "rej:bodies";
    /// <summary>Hash: rejection id → bytes counted for it in <see cref="RejectionBytes"/>.</summary>
    public static readonly RedisKey RejectionSizes = Prefix + "rej:sizes";
    /// <summary>A fraud report by its id (JSON, the person in full as a task holds it), kept for good.</summary>
    public static RedisKey FraudReport(string reportId) => $"{Prefix}fraudreport:{reportId}";
    /// <summary>Applied fraud report ids that matched warnings, scored by arrival (ms).</summary>
    public static readonly RedisKey FraudReportsMatched = Prefix + "fraudreports:matched";
    /// <summary>Applied fraud report ids that matched no warning ("defrauded without a warning"), by arrival (ms).
    /// </summary>
    public static readonly RedisKey FraudReportsUnmatched = Prefix + "fraudreports:unmatched";
    /// <summary>Hash per local day: area (or "-") → instructions rejected that day (see RejectedCounts).</summary>
    public static RedisKey RejectedPerDay(DateOnly day) =>
        $"{Prefix}rejected:{day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}";
    /// <summary>Hash: officer id → 1 on duty, 0 off.</summary>
    public static readonly RedisKey Duty = Prefix + "duty";
    /// <summary>Bumped whenever <see cref="Duty"/> changes, so instances can keep who is on duty in memory and still
    /// route on the current roster.</summary>
    public static readonly RedisKey DutyVersion = Prefix + "duty:v";
    /// <summary>The region file as first seeded (posts, officers, accounts).</summary>
    public static readonly RedisKey Region = Prefix + "region";
    /// <summary>The data-protection key ring (a list of key XML elements, encrypted at rest).</summary>
    public static readonly RedisKey DataProtectionKeys = Prefix + "dataprotection:keys";
    /// <summary>Sorted set of live service instances by the time (ms) until which each is alive: whether a change
    /// committed here must be announced to other instances.</summary>
    public static readonly RedisKey LiveInstances = Prefix + "instances";
    /// <summary>Sorted set of live instances by heartbeat (ms), for console presence.</summary>
    public static readonly RedisKey PresenceInstances = Prefix + "presence:instances";
    /// <summary>Hash per instance: officer id → consoles connected to it.</summary>
    public static RedisKey Presence(string instanceId) => $"{Prefix}presence:{instanceId}";
    public static RedisKey RevokedSession(string sessionId) => $"{Prefix}session:revoked:{sessionId}";
    public static RedisKey SignInAccount(string account) => $"{Prefix}signin:account:{account}";
    public static RedisKey SignInAddress(string address) => $"{Prefix}signin:address:{address}";

    /// <summary>Pub/sub: "outbox" or "timers" after a write, so every instance's loops wake at once.</summary>
    public static readonly RedisChannel Signal = RedisChannel.Literal(Prefix + "signal");
    /// <summary>The same channel as a script argument (a channel is not a key: it goes in ARGV).</summary>
    public const string SignalName = Prefix + "signal";
}
