namespace WarningDispatch.Contracts;

/// <summary>The step reported upstream on the <c>warning-feedback</c> exchange.</summary>
public enum FeedbackStatus
{
    Accepted, Rejected, Assigned, Escalated, Resolved,
    /// <summary>The person was defrauded after the warning (INTERFACE.md §8), with <c>amountLost</c>.</summary>
    DefraudedAfterWarning,
}
