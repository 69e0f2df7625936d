namespace WarningDispatch.Service.Storage;

/// <summary>
/// The store is unreachable or failing: the caller must not acknowledge what it was doing, only wait and retry.
/// </summary>
public sealed class StoreUnavailableException(string message, Exception inner) : Exception(message, inner);
