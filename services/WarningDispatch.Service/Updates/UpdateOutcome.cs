namespace WarningDispatch.Service.Updates;

/// <summary>What became of one update, and so how HTTP answers it.</summary>
public enum UpdateOutcome
{
    /// <summary>202: the task took it (every field, or the newer ones).</summary>
    Applied,
    /// <summary>200: the same update id with the same payload was applied before; nothing changed.</summary>
    AlreadyApplied,
    /// <summary>400 (413 over the size cap): every broken rule in the errors.</summary>
    Invalid,
    /// <summary>404: no task for the instruction id.</summary>
    UnknownInstruction,
    /// <summary>409: the task is resolved, or the update id was applied with another payload.</summary>
    Refused,
}
