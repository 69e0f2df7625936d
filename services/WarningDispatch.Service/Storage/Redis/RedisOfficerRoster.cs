using System.Collections.Concurrent;
using StackExchange.Redis;
using WarningDispatch.Domain.Routing;
using WarningDispatch.Service.Officers;
using WarningDispatch.Service.Tasks;

namespace WarningDispatch.Service.Storage.Redis;

/// <summary>
/// Duty status in a Redis hash shared by every instance; open-task counts are kept by the task commit script.
/// Routing keeps who is on duty in memory, checked against <see cref="RedisKeys.DutyVersion"/> on every decision, and
/// reads the open-task counts of the one post it settles on, instead of the whole roster and every count each time.
/// </summary>
public sealed class RedisOfficerRoster(RegionData region, RedisGateway redis, ITaskStore tasks, TimeProvider clock)
    : IOfficerRoster
{
    /// <summary>How long a roster checked against the duty version may answer "is this officer on duty" for a
    /// push.</summary>
    static readonly TimeSpan PushCheckFreshness = TimeSpan.FromSeconds(1);
    /// <summary>
    /// How old a post's open-task counts may be for a decision from memory. Counts only balance the load between a
    /// post's officers: this instance's own assignments are added at once, other instances' within this time.
    /// </summary>
    static readonly TimeSpan CountsFreshness = TimeSpan.FromSeconds(5);
    long _checkedAt;
    readonly Dictionary<string, OfficerRecord> _officers = region.Officers.ToDictionary(o => o.OfficerId);
    OnDutyByPost? _onDuty;
    readonly ConcurrentDictionary<string, PostCounts> _counts = new(StringComparer.Ordinal);

    /// <summary>Open-task counts of one post's officers as read at <c>ReadAt</c>, plus ours since.</summary>
    sealed record PostCounts(long ReadAt, Dictionary<string, int> ByOfficer);

    /// <summary>On-duty officer ids by post, as of one version of the duty hash.</summary>
    sealed record OnDutyByPost(string Version, Dictionary<string, string[]> Officers);

    public OfficerRecord? Find(string officerId) => _officers.GetValueOrDefault(officerId);

    /// <summary>
    /// First start on an empty Redis: duty as the region file says. Later starts keep what officers set.
    /// </summary>
    public Task SeedAsync(CancellationToken ct) =>
        redis.RunAsync(async db =>
        {
            var batch = db.CreateBatch();
            var writes = region.Officers
                .Select(o => batch.HashSetAsync(RedisKeys.Duty, o.OfficerId, o.OnDuty ? 1 : 0, When.NotExists))
                .ToList();
            var bump = batch.StringIncrementAsync(RedisKeys.DutyVersion);
            batch.Execute();
            await Task.WhenAll(writes);
            await bump;
        }, ct);

    /// <summary>
    /// Asked before every push. Under load routing checks the duty version all the time, so a roster checked within
    /// the last second answers without a round trip; a duty change made on this instance drops the roster at once.
    /// </summary>
    public async Task<bool> IsOnDutyAsync(string officerId, CancellationToken ct)
    {
        if (Volatile.Read(ref _onDuty) is { } roster
            && clock.GetElapsedTime(Volatile.Read(ref _checkedAt)) < PushCheckFreshness
            && _officers.TryGetValue(officerId, out var officer))
            return roster.Officers.GetValueOrDefault(officer.PostId)?.Contains(officerId) == true;
        return await redis.RunAsync(db => db.HashGetAsync(RedisKeys.Duty, officerId), ct) == 1;
    }

    public async Task<bool> SetOnDutyAsync(string officerId, bool onDuty, CancellationToken ct)
    {
        if (!_officers.ContainsKey(officerId)) throw new KeyNotFoundException(officerId);
        var was = await redis.RunAsync(async db =>
        {
            var previous = await db.HashGetAsync(RedisKeys.Duty, officerId);
            await db.HashSetAsync(RedisKeys.Duty, officerId, onDuty ? 1 : 0);
            await db.StringIncrementAsync(RedisKeys.DutyVersion);
            return previous;
        }, ct);
        Volatile.Write(ref _onDuty, null);
        return was != (onDuty ? 1 : 0);
    }

    public async Task<RoutingDecision> DecideAsync(Func<IDutyRoster, RoutingDecision> decide, CancellationToken ct)
    {
        var roster = Volatile.Read(ref _onDuty) ?? await ReloadAsync(ct);
        for (var attempt = 1; ; attempt++)
        {
            // Which post never depends on the counts: decide with none on the roster in memory, then read the duty
            // version and that post's counts in one round trip, and decide again with them.
            var first = decide(new OnDutyView(roster.Officers, counts: null));
            var officers = first is { PostId: { } post, OfficerId: not null }
                ? roster.Officers.GetValueOrDefault(post) ?? []
                : [];
            var (version, values) = await redis.RunAsync(async db =>
            {
                var readVersion = db.StringGetAsync(RedisKeys.DutyVersion);
                var readCounts = officers.Length > 0
                    ? db.HashGetAsync(RedisKeys.OpenTasksByOfficer, officers.Select(o => (RedisValue)o).ToArray())
                    : null;
                return ((string?)await readVersion ?? "0", readCounts is null ? [] : await readCounts);
            }, ct);
            if (version != roster.Version && attempt < 3)
            {
                roster = await ReloadAsync(ct);
                continue;
            }
            if (version == roster.Version) Volatile.Write(ref _checkedAt, clock.GetTimestamp());
            if (officers.Length == 0) return first;
            var counts = new Dictionary<string, int>(officers.Length);
            for (var i = 0; i < officers.Length; i++) counts[officers[i]] = values[i].IsNull ? 0 : (int)values[i];
            if (version == roster.Version) _counts[first.PostId!] = new PostCounts(clock.GetTimestamp(), counts);
            return decide(new OnDutyView(roster.Officers, counts));
        }
    }

    public MemoryDecision? DecideFromMemory(Func<IDutyRoster, RoutingDecision> decide)
    {
        if (Volatile.Read(ref _onDuty) is not { } roster) return null;
        var first = decide(new OnDutyView(roster.Officers, counts: null));
        if (first is not { PostId: { } post, OfficerId: not null }) return new MemoryDecision(first, roster.Version);
        if (!_counts.TryGetValue(post, out var known) || clock.GetElapsedTime(known.ReadAt) > CountsFreshness)
            return null;
        return new MemoryDecision(decide(new OnDutyView(roster.Officers, known.ByOfficer)), roster.Version);
    }

    public void Committed(string? officerId, string? dutyVersion)
    {
        // The commit checked the duty version: as good as a read for the push's "is this officer on duty".
        if (dutyVersion is not null && Volatile.Read(ref _onDuty)?.Version == dutyVersion)
            Volatile.Write(ref _checkedAt, clock.GetTimestamp());
        if (officerId is null || !_officers.TryGetValue(officerId, out var officer)) return;
        _counts.AddOrUpdate(officer.PostId, _ => new PostCounts(0, new Dictionary<string, int> { [officerId] = 1 }),
            (_, known) => known with
            {
                ByOfficer = new Dictionary<string, int>(known.ByOfficer)
                {
                    [officerId] = known.ByOfficer.GetValueOrDefault(officerId) + 1,
                },
            });
    }

    public void Forget()
    {
        Volatile.Write(ref _onDuty, null);
        _counts.Clear();
    }

    async Task<OnDutyByPost> ReloadAsync(CancellationToken ct)
    {
        var read = (RedisResult[])(await redis.ScriptAsync(RedisScripts.ReadDuty,
            [RedisKeys.DutyVersion, RedisKeys.Duty], [], ct))!;
        var hash = (RedisResult[])read[1]!;
        var byPost = new Dictionary<string, List<string>>();
        for (var i = 0; i + 1 < hash.Length; i += 2)
        {
            if ((string?)hash[i + 1] != "1" || !_officers.TryGetValue((string)hash[i]!, out var officer)) continue;
            if (!byPost.TryGetValue(officer.PostId, out var list)) byPost[officer.PostId] = list = [];
            list.Add(officer.OfficerId);
        }
        var fresh = new OnDutyByPost((string)read[0]!, byPost.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray()));
        Volatile.Write(ref _onDuty, fresh);
        Volatile.Write(ref _checkedAt, clock.GetTimestamp());
        return fresh;
    }

    /// <summary>Who is on duty where; open-task counts for the officers in <c>counts</c>, 0 for the others.</summary>
    sealed class OnDutyView(Dictionary<string, string[]> onDuty, Dictionary<string, int>? counts) : IDutyRoster
    {
        public IReadOnlyList<OfficerLoad> OnDutyAt(string postId) =>
            onDuty.GetValueOrDefault(postId) is { } officers
                ? officers.Select(o => new OfficerLoad(o, postId, counts?.GetValueOrDefault(o) ?? 0)).ToList()
                : [];
    }

    public async Task<IReadOnlyList<OfficerView>> ListAsync(CancellationToken ct)
    {
        var duty = (await redis.RunAsync(db => db.HashGetAllAsync(RedisKeys.Duty), ct))
            .ToDictionary(e => (string)e.Name!, e => e.Value == 1);
        var counts = await tasks.OpenTaskCountsAsync(ct);
        return _officers.Values
            .Select(o => new OfficerView(o.OfficerId, o.Name, o.PostId, duty.GetValueOrDefault(o.OfficerId),
                counts.GetValueOrDefault(o.OfficerId)))
            .OrderBy(o => o.PostId).ThenBy(o => o.OfficerId).ToList();
    }
}
