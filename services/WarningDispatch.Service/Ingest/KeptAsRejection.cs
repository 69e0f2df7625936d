namespace WarningDispatch.Service.Ingest;

/// <summary>A receive-context payload: the message was kept as a rejection, so it is done with
/// (acknowledged).</summary>
public sealed class KeptAsRejection;
