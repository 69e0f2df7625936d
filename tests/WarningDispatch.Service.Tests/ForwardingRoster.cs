using WarningDispatch.Domain.Routing;
using WarningDispatch.Service.Officers;

namespace WarningDispatch.Service.Tests;

/// <summary>A roster that hands every call to the real one; a test overrides only what it watches or breaks.</summary>
public abstract class ForwardingRoster(IOfficerRoster inner) : IOfficerRoster
{
    public virtual OfficerRecord? Find(string officerId) => inner.Find(officerId);
    public virtual Task<bool> IsOnDutyAsync(string officerId, CancellationToken ct) =>
        inner.IsOnDutyAsync(officerId, ct);
    public virtual Task<bool> SetOnDutyAsync(string officerId, bool onDuty, CancellationToken ct) =>
        inner.SetOnDutyAsync(officerId, onDuty, ct);
    public virtual Task<RoutingDecision> DecideAsync(Func<IDutyRoster, RoutingDecision> decide, CancellationToken ct) =>
        inner.DecideAsync(decide, ct);
    public virtual MemoryDecision? DecideFromMemory(Func<IDutyRoster, RoutingDecision> decide) =>
        inner.DecideFromMemory(decide);
    public virtual void Committed(string? officerId, string? dutyVersion) => inner.Committed(officerId, dutyVersion);
    public virtual void Forget() => inner.Forget();
    public virtual Task<IReadOnlyList<OfficerView>> ListAsync(CancellationToken ct) => inner.ListAsync(ct);
}
