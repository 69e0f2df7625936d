using WarningDispatch.Domain.Cases;

namespace WarningDispatch.Service.Cases;

/// <summary>
/// Cases as the store keeps them: person keys pointing to a case, and each case's members, rewritten by every
/// commit of one of its tasks (<see cref="Tasks.TaskCommit.Case"/>). Joining a case is checked at the task's
/// creation, atomically with it.
/// </summary>
public interface ICaseStore
{
    /// <summary>The cases the person's id-number key and phone key point to now (either may be null).</summary>
    Task<(CaseView? ById, CaseView? ByPhone)> FindAsync(PersonKeys keys, CancellationToken ct);

    Task<CaseView?> GetCaseAsync(string caseId, CancellationToken ct);
}
