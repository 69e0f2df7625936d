using System.Collections.Concurrent;
using WarningDispatch.Domain.Routing;
using WarningDispatch.Service.Officers;
using WarningDispatch.Service.Tasks;

namespace WarningDispatch.Service.Storage.InMemory;

public sealed class InMemoryOfficerRoster(RegionData region, ITaskStore tasks) : IOfficerRoster
{
    readonly Dictionary<string, OfficerRecord> _officers = region.Officers.ToDictionary(o => o.OfficerId);
    readonly ConcurrentDictionary<string, bool> _onDuty =
        new(region.Officers.ToDictionary(o => o.OfficerId, o => o.OnDuty));

    public OfficerRecord? Find(string officerId) => _officers.GetValueOrDefault(officerId);

    public Task<bool> IsOnDutyAsync(string officerId, CancellationToken ct) =>
        Task.FromResult(_onDuty.TryGetValue(officerId, out var on) && on);

    public Task<bool> SetOnDutyAsync(string officerId, bool onDuty, CancellationToken ct)
    {
        if (!_onDuty.TryGetValue(officerId, out var was)) throw new KeyNotFoundException(officerId);
        return Task.FromResult(was != onDuty && _onDuty.TryUpdate(officerId, onDuty, was));
    }

    /// <summary>In process the roster and the counts are read without a round trip anyway.</summary>
    public MemoryDecision? DecideFromMemory(Func<IDutyRoster, RoutingDecision> decide) => null;

    public void Committed(string? officerId, string? dutyVersion) { }

    public void Forget() { }

    public async Task<RoutingDecision> DecideAsync(Func<IDutyRoster, RoutingDecision> decide, CancellationToken ct)
    {
        var counts = await tasks.OpenTaskCountsAsync(ct);
        var byPost = _officers.Values
            .Where(o => _onDuty.TryGetValue(o.OfficerId, out var on) && on)
            .GroupBy(o => o.PostId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<OfficerLoad>)g
                .Select(o => new OfficerLoad(o.OfficerId, o.PostId, counts.GetValueOrDefault(o.OfficerId))).ToList());
        return decide(new DutySnapshot(byPost));
    }

    public async Task<IReadOnlyList<OfficerView>> ListAsync(CancellationToken ct)
    {
        var counts = await tasks.OpenTaskCountsAsync(ct);
        return _officers.Values
            .Select(o => new OfficerView(o.OfficerId, o.Name, o.PostId, _onDuty.GetValueOrDefault(o.OfficerId),
                counts.GetValueOrDefault(o.OfficerId)))
            .OrderBy(o => o.PostId).ThenBy(o => o.OfficerId).ToList();
    }

    /// <summary>On-duty officers by post, read once for one routing decision.</summary>
    sealed class DutySnapshot(Dictionary<string, IReadOnlyList<OfficerLoad>> byPost) : IDutyRoster
    {
        public IReadOnlyList<OfficerLoad> OnDutyAt(string postId) => byPost.GetValueOrDefault(postId) ?? [];
    }
}
