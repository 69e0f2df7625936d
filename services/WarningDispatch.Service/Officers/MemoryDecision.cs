using WarningDispatch.Domain.Routing;

namespace WarningDispatch.Service.Officers;

/// <summary>
/// A routing decision made from what an instance holds in memory, without a store round trip, and the duty version it
/// was made on: the commit writes the task only if the duty roster is still that version.
/// </summary>
public sealed record MemoryDecision(RoutingDecision Decision, string DutyVersion);
