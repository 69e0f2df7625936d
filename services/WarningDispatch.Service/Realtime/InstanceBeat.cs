namespace WarningDispatch.Service.Realtime;

/// <summary>What one heartbeat found: whether this instance was still alive before it, and how many others are.
/// </summary>
public sealed record InstanceBeat(bool WasAlive, int Others);
