namespace WarningDispatch.Contracts;

/// <summary>
/// Feedback to upstream, one per step of every instruction, published to the <c>warning-feedback</c> exchange.
/// </summary>
public record InstructionStatusChanged
{
    public required string InstructionId { get; init; }
    /// <summary>Null only for <see cref="FeedbackStatus.Rejected"/>: a rejected instruction makes no task.</summary>
    public string? TaskId { get; init; }
    public required FeedbackStatus Status { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    /// <summary>Why: every broken rule of a rejection, or the reason for an assignment or escalation.</summary>
    public IReadOnlyList<string>? Reasons { get; init; }
    /// <summary>With Rejected: where the body is kept for operators to read and replay
    /// (<c>/api/rejections/{id}</c>).</summary>
    public string? RejectionId { get; init; }
    public string? PostId { get; init; }
    public string? OfficerId { get; init; }
    public TaskOutcome? Outcome { get; init; }
    /// <summary>With outcome FundsProtected: the amount kept from the fraudster, CNY.</summary>
    public decimal? AmountProtected { get; init; }
    /// <summary>
    /// With outcome AlreadyDefrauded or status DefraudedAfterWarning: the amount lost, CNY (for stop-payment and case
    /// handling).
    /// </summary>
    public decimal? AmountLost { get; init; }
    /// <summary>With DefraudedAfterWarning from a fraud report: its id.</summary>
    public string? ReportId { get; init; }
}
