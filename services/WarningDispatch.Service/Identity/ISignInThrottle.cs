namespace WarningDispatch.Service.Identity;

/// <summary>
/// Counts sign-in attempts per account and per client address. An attempt counts from the moment it begins (so a
/// burst of parallel guesses is counted before any password is checked) and stops counting once it succeeded.
/// </summary>
public interface ISignInThrottle
{
    /// <summary>
    /// Begins an attempt: null when it may go ahead (it now counts against both), otherwise how long to wait until
    /// either limit lets one through again.
    /// </summary>
    Task<TimeSpan?> TryBeginAsync(string account, string address, string attemptId, CancellationToken ct);

    /// <summary>The attempt succeeded: it no longer counts, and the account's earlier failures are forgiven.</summary>
    Task SucceededAsync(string account, string address, string attemptId, CancellationToken ct);
}
