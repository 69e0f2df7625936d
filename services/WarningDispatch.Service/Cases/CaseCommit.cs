using WarningDispatch.Domain.Cases;

namespace WarningDispatch.Service.Cases;

/// <summary>
/// What a task's commit writes to its case: the task's member entry, and at creation the link the store checks
/// (its person keys and the case still as read; otherwise the create is refused and the link decided again).
/// </summary>
/// <param name="KeepFor">How long the store keeps the case and person keys after this write (window + margin).</param>
public sealed record CaseCommit(string CaseId, CaseMember Member, CaseLink? Link, TimeSpan KeepFor);
