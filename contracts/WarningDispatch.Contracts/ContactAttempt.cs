namespace WarningDispatch.Contracts;

/// <summary>
/// One call an officer made to reach the person (<see cref="TaskSnapshot.Attempts"/>). Holds no number and no name:
/// <see cref="Contact"/> points into <see cref="WarningSubject.Contacts"/>, which is masked for viewers without the
/// right to see personal data.
/// </summary>
public record ContactAttempt
{
    /// <summary>Server time of the record.</summary>
    public required DateTimeOffset At { get; init; }
    /// <summary>Index into the subject's contacts; null for the person's own line.</summary>
    public int? Contact { get; init; }
    public required AttemptResult Result { get; init; }
    /// <summary>The field officer who recorded it; null when a duty officer did (see <see cref="UserId"/>).</summary>
    public string? OfficerId { get; init; }
    public required string UserId { get; init; }
}
