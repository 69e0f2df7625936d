using WarningDispatch.Contracts;

namespace WarningDispatch.Domain.Cases;

/// <summary>
/// A case as read from the store: its members and the version the store will check when a new task joins, so two
/// arrivals about one person can never both believe they are the first.
/// </summary>
public sealed record CaseView(string CaseId, long Version, IReadOnlyList<CaseMember> Members)
{
    /// <summary>Open while a task is active or the last one was resolved less than the window ago.</summary>
    public bool IsOpenAt(DateTimeOffset now, CasePolicy policy) =>
        Members.Any(m => m.Active) || Members.Any(m => m.ResolvedAt is { } at && now - at < policy.Window);

    /// <summary>
    /// True when the case is about someone else: both carry an id number and they differ. Sharing a phone (a family
    /// line) must not send an officer to another person's case.
    /// </summary>
    public bool IsAboutSomeoneElse(string? idKey) =>
        idKey is not null && Members.Any(m => m.IdKey is not null && m.IdKey != idKey);

    /// <summary>The officer who has the person now: the latest routed active task's.</summary>
    public CaseMember? Holder => Members.Where(m => m.Routed).MaxBy(m => m.Warning.ReceivedAt);

    public IReadOnlyList<CaseMember> ActiveMembers => Members.Where(m => m.Active).ToList();

    public IReadOnlyList<CaseWarning> Warnings => CaseRules.InOrder(Members.Select(m => m.Warning));
}
