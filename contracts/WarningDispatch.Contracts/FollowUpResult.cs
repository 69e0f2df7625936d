namespace WarningDispatch.Contracts;

/// <summary>What the follow-up visit (回访) found (INTERFACE.md §8).</summary>
public enum FollowUpResult
{
    /// <summary>The person was not defrauded.</summary>
    Safe,
    /// <summary>The person was defrauded after the warning: the task is marked, with the amount lost.</summary>
    Defrauded,
    /// <summary>Nobody could be reached.</summary>
    Unreachable,
}
