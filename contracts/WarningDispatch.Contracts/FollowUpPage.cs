namespace WarningDispatch.Contracts;

/// <summary>
/// One page of pending follow-up visits (<c>GET /api/follow-ups</c>), soonest due first, with the grace after which a
/// console marks one overdue by its own clock.
/// </summary>
public record FollowUpPage : TaskPage
{
    /// <summary><c>FollowUp:Grace</c>: a follow-up more than this many seconds past its due time is overdue.</summary>
    public required long GraceSeconds { get; init; }
}
