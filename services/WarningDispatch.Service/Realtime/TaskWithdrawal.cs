namespace WarningDispatch.Service.Realtime;

/// <summary>A task a console saw is no longer its own, and why.</summary>
public sealed record TaskWithdrawal(string TaskId, int Version, string Reason);
