namespace WarningDispatch.Domain.Tasks;

/// <summary>What a deadline wake-up did.</summary>
public enum DeadlineResult
{
    /// <summary>The timer was set for an older version of the task; nothing happened.</summary>
    Stale,
    /// <summary>Nothing was due yet.</summary>
    NothingDue,
    Escalated,
}
