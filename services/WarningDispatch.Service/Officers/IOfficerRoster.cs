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

    /// <summary>
    /// The same decision from memory when it can be made so (the roster read before, the chosen post's open-task
    /// counts read within the last few seconds); null when it needs the store. The commit must then check the duty
    /// version it returns, and <see cref="Committed"/> or <see cref="Forget"/> follows.
    /// </summary>
    MemoryDecision? DecideFromMemory(Func<IDutyRoster, RoutingDecision> decide);

    /// <summary>
    /// A new task was committed to <paramref name="officerId"/>, checked against duty version
    /// <paramref name="dutyVersion"/> when it was decided from memory (null when decided on the roster as read).
    /// </summary>
    void Committed(string? officerId, string? dutyVersion);

    /// <summary>The commit found the duty roster changed: the next decision reads it again.</summary>
    void Forget();
    Task<IReadOnlyList<OfficerView>> ListAsync(CancellationToken ct);
}
