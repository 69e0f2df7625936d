namespace WarningDispatch.Domain.Cases;

/// <summary>
/// The case a new instruction joins (or starts), with what the store must still find when it commits: each person
/// key pointing where it pointed when read, and the case at the version read. Otherwise another arrival got there
/// first and the link is decided again.
/// </summary>
/// <param name="Earlier">The case's members before this task, empty for a new case.</param>
/// <param name="Holder">The member whose officer has the person now, if any.</param>
public sealed record CaseLink(
    string CaseId, long ExpectedVersion, IReadOnlyList<PersonKeyExpectation> Keys, IReadOnlyList<CaseMember> Earlier,
    CaseMember? Holder)
{
    public bool JoinsExisting => Earlier.Count > 0;
}
