namespace WarningDispatch.Service.Identity;

/// <summary>Sessions ended by logging out; checked on every authenticated request and hub connection.</summary>
public interface ISessionRevocations
{
    /// <summary>Ends the session for every cookie and token that carries its id, on every instance.</summary>
    Task RevokeAsync(string sessionId, CancellationToken ct);

    Task<bool> IsRevokedAsync(string sessionId, CancellationToken ct);
}
