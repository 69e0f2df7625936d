using StackExchange.Redis;
using WarningDispatch.Domain.Routing;
using WarningDispatch.Service.Hosting;
using WarningDispatch.Service.Tasks;

namespace WarningDispatch.Service.Officers;

/// <summary>Duty status in a Redis hash shared by every instance; open-task counts are kept by the task commit script.</summary>
public sealed class RedisOfficerRoster(RegionData region, RedisGateway redis, ITaskStore tasks) : IOfficerRoster
{
    readonly Dictionary<string, OfficerRecord> _officers = region.Officers.ToDictionary(o => o.OfficerId);

    public OfficerRecord? Find(string officerId) => _officers.GetValueOrDefault(officerId);

    /// <summary>First start on an empty Redis: duty as the region file says. Later starts keep what officers set.</summary>
    public Task SeedAsync(CancellationToken ct) =>
        redis.RunAsync(async db =>
        {
            var batch = db.CreateBatch();
            var writes = region.Officers.Select(o => batch.HashSetAsync(RedisKeys.Duty, o.OfficerId, o.OnDuty ? 1 : 0, When.NotExists)).ToList();
            batch.Execute();
            await Task.WhenAll(writes);
        }, ct);

    public async Task<bool> IsOnDutyAsync(string officerId, CancellationToken ct) =>
        await redis.RunAsync(db => db.HashGetAsync(RedisKeys.Duty, officerId), ct) == 1;

    public async Task<bool> SetOnDutyAsync(string officerId, bool onDuty, CancellationToken ct)
    {
        if (!_officers.ContainsKey(officerId)) throw new KeyNotFoundException(officerId);
        var was = await redis.RunAsync(async db =>
        {
            var previous = await db.HashGetAsync(RedisKeys.Duty, officerId);
            await db.HashSetAsync(RedisKeys.Duty, officerId, onDuty ? 1 : 0);
            return previous;
        }, ct);
        return was != (onDuty ? 1 : 0);
    }

    public async Task<IDutyRoster> SnapshotAsync(CancellationToken ct)
    {
        var duty = await redis.RunAsync(db => db.HashGetAllAsync(RedisKeys.Duty), ct);
        var counts = await tasks.OpenTaskCountsAsync(ct);
        var onDuty = duty.Where(e => e.Value == 1).Select(e => (string)e.Name!).ToHashSet();
        return new DutySnapshot(_officers.Values.Where(o => onDuty.Contains(o.OfficerId))
            .GroupBy(o => o.PostId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<OfficerLoad>)g.Select(o => new OfficerLoad(o.OfficerId, o.PostId, counts.GetValueOrDefault(o.OfficerId))).ToList()));
    }

    public async Task<IReadOnlyList<OfficerView>> ListAsync(CancellationToken ct)
    {
        var duty = (await redis.RunAsync(db => db.HashGetAllAsync(RedisKeys.Duty), ct)).ToDictionary(e => (string)e.Name!, e => e.Value == 1);
        var counts = await tasks.OpenTaskCountsAsync(ct);
        return _officers.Values
            .Select(o => new OfficerView(o.OfficerId, o.Name, o.PostId, duty.GetValueOrDefault(o.OfficerId), counts.GetValueOrDefault(o.OfficerId)))
            .OrderBy(o => o.PostId).ThenBy(o => o.OfficerId).ToList();
    }
}
