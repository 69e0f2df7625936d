using System.Collections.Concurrent;
using WarningDispatch.Domain.Routing;
using WarningDispatch.Service.Tasks;

namespace WarningDispatch.Service.Officers;

public sealed record OfficerView(string OfficerId, string Name, string PostId, bool OnDuty, int OpenTasks)
{
    /// <summary>A console of this officer is connected now (on any instance).</summary>
    public bool Online { get; init; }
}

/// <summary>Officers and who is on duty. Off-duty officers are never routed to and never receive pushes.</summary>
public interface IOfficerRoster
{
    OfficerRecord? Find(string officerId);
    Task<bool> IsOnDutyAsync(string officerId, CancellationToken ct);
    /// <summary>Sets the duty flag; true when it changed.</summary>
    Task<bool> SetOnDutyAsync(string officerId, bool onDuty, CancellationToken ct);
    /// <summary>Duty and load as routing needs them, read once per decision.</summary>
    Task<IDutyRoster> SnapshotAsync(CancellationToken ct);

    /// <summary>
    /// A routing decision on the roster as it is now: who is on duty at every post, and the open-task counts of the
    /// officers at the post the decision settles on (which post it is never depends on counts, only on who is on duty).
    /// </summary>
    async Task<RoutingDecision> DecideAsync(Func<IDutyRoster, RoutingDecision> decide, CancellationToken ct) => decide(await SnapshotAsync(ct));
    Task<IReadOnlyList<OfficerView>> ListAsync(CancellationToken ct);
}

public sealed class InMemoryOfficerRoster(RegionData region, ITaskStore tasks) : IOfficerRoster
{
    readonly Dictionary<string, OfficerRecord> _officers = region.Officers.ToDictionary(o => o.OfficerId);
    readonly ConcurrentDictionary<string, bool> _onDuty = new(region.Officers.ToDictionary(o => o.OfficerId, o => o.OnDuty));

    public OfficerRecord? Find(string officerId) => _officers.GetValueOrDefault(officerId);

    public Task<bool> IsOnDutyAsync(string officerId, CancellationToken ct) =>
        Task.FromResult(_onDuty.TryGetValue(officerId, out var on) && on);

    public Task<bool> SetOnDutyAsync(string officerId, bool onDuty, CancellationToken ct)
    {
        if (!_onDuty.TryGetValue(officerId, out var was)) throw new KeyNotFoundException(officerId);
        return Task.FromResult(was != onDuty && _onDuty.TryUpdate(officerId, onDuty, was));
    }

    public async Task<IDutyRoster> SnapshotAsync(CancellationToken ct)
    {
        var counts = await tasks.OpenTaskCountsAsync(ct);
        var byPost = _officers.Values
            .Where(o => _onDuty.TryGetValue(o.OfficerId, out var on) && on)
            .GroupBy(o => o.PostId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<OfficerLoad>)g.Select(o => new OfficerLoad(o.OfficerId, o.PostId, counts.GetValueOrDefault(o.OfficerId))).ToList());
        return new DutySnapshot(byPost);
    }

    public async Task<IReadOnlyList<OfficerView>> ListAsync(CancellationToken ct)
    {
        var counts = await tasks.OpenTaskCountsAsync(ct);
        return _officers.Values
            .Select(o => new OfficerView(o.OfficerId, o.Name, o.PostId, _onDuty.GetValueOrDefault(o.OfficerId), counts.GetValueOrDefault(o.OfficerId)))
            .OrderBy(o => o.PostId).ThenBy(o => o.OfficerId).ToList();
    }
}

/// <summary>On-duty officers by post, read once for one routing decision.</summary>
public sealed class DutySnapshot(Dictionary<string, IReadOnlyList<OfficerLoad>> byPost) : IDutyRoster
{
    public IReadOnlyList<OfficerLoad> OnDutyAt(string postId) => byPost.GetValueOrDefault(postId) ?? [];
}
