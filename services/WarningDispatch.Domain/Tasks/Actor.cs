namespace WarningDispatch.Domain.Tasks;

public enum ActorRole { System, DutyOfficer, FieldOfficer }

/// <summary>Who acts: always taken from the authenticated user, never from what a client claims.</summary>
public sealed record Actor(string UserId, ActorRole Role, string? OfficerId = null, string? AreaId = null)
{
    public static readonly Actor System = new("system", ActorRole.System);

    public static Actor Duty(string userId, string areaId) => new(userId, ActorRole.DutyOfficer, AreaId: areaId);
    public static Actor Field(string userId, string officerId) =>
        new(userId, ActorRole.FieldOfficer, OfficerId: officerId);
}

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

/// <summary>What a deadline wake-up did.</summary>
public enum DeadlineResult
{
    /// <summary>The timer was set for an older version of the task; nothing happened.</summary>
    Stale,
    /// <summary>Nothing was due yet.</summary>
    NothingDue,
    Escalated,
}
