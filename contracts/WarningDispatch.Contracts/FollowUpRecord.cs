namespace WarningDispatch.Contracts;

/// <summary>The follow-up visit (回访) as recorded on the task.</summary>
public record FollowUpRecord
{
    public required FollowUpResult Result { get; init; }
    public required DateTimeOffset RecordedAt { get; init; }
    /// <summary>The user who recorded it.</summary>
    public required string By { get; init; }
    /// <summary>CNY; only with <see cref="FollowUpResult.Defrauded"/>.</summary>
    public decimal? AmountLost { get; init; }
    /// <summary>The officer's free text: personal data, hidden from viewers who may not see it.</summary>
    public string? Note { get; init; }
}
