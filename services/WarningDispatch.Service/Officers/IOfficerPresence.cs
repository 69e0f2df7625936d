namespace WarningDispatch.Service.Officers;

/// <summary>Which officers have a console connected right now, on any instance.</summary>
public interface IOfficerPresence
{
    Task ConnectedAsync(string officerId, CancellationToken ct);
    Task DisconnectedAsync(string officerId, CancellationToken ct);
    Task<IReadOnlySet<string>> OnlineAsync(CancellationToken ct);
}
