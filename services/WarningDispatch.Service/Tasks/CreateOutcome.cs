namespace WarningDispatch.Service.Tasks;

public enum CreateOutcome
{
    Created,
    Duplicate,
    /// <summary>Another task about the same person got there first: decide the case link again.</summary>
    CaseChanged,
    /// <summary>Routed on a duty roster that has changed since: route again on the roster as it is now.</summary>
    RosterChanged,
}
