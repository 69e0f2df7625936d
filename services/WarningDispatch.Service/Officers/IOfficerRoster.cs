using WarningDispatch.Domain.Routing;

namespace WarningDispatch.Service.Officers;

/// <summary>Officers and who is on duty. Off-duty officers are never routed to and never receive pushes.</summary>
public interface IOfficerRoster
{
    OfficerRecord? Find(string officerId);
    Task<bool> IsOnDutyAsync(string officerId, CancellationToken ct);
    /// <summary>Sets the duty flag; true when it changed.</summary>
    Task<bool> SetOnDutyAsync(string officerId, bool onDuty, CancellationToken ct);

    /// <summary>
    /// A routing decision on the roster as it is now: who is on duty at every post, and the open-task counts of the
    /// officers at the post the decision settles on (which post it is never depends on counts, only on who is on duty).
    /// </summary>
    Task<RoutingDecision> DecideAsync(Func<IDutyRoster, RoutingDecision> decide, CancellationToken ct);
    Task<IReadOnlyList<OfficerView>> ListAsync(CancellationToken ct);
}
