namespace WarningDispatch.Domain.Tasks;

/// <summary>What an officer's action did, and so how an endpoint answers.</summary>
public enum ActionStatus
{
    Applied,
    /// <summary>The same client action id was applied before; nothing changed.</summary>
    AlreadyApplied,
    /// <summary>The state machine does not allow it now (HTTP 409).</summary>
    NotAllowed,
    /// <summary>This user may not act on this task (HTTP 403).</summary>
    Forbidden,
    /// <summary>The action itself is malformed (HTTP 400).</summary>
    Invalid,
    /// <summary>The action id was applied before with another payload or by another user (HTTP 409).</summary>
    ActionIdReused,
}
