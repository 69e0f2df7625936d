namespace WarningDispatch.Domain.Cases;

public enum CaseEventKind
{
    /// <summary>A new warning joined the case: the other active tasks show it, its risk, a home visit if due.</summary>
    Linked,
    /// <summary>An officer recorded the outcome: every other active task of the case ends the same way.</summary>
    Resolved,
}
