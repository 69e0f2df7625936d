namespace WarningDispatch.Domain.Tasks;

/// <summary>Who acts: always taken from the authenticated user, never from what a client claims.</summary>
/// <param name="PostId">A field officer's police post: its officers do the follow-up visits of its tasks.</param>
public sealed record Actor(
    string UserId, ActorRole Role, string? OfficerId = null, string? AreaId = null, string? PostId = null)
{
    public static readonly Actor System = new("system", ActorRole.System);

    public static Actor Duty(string userId, string areaId) => new(userId, ActorRole.DutyOfficer, AreaId: areaId);
    public static Actor Field(string userId, string officerId, string? postId = null) =>
        new(userId, ActorRole.FieldOfficer, OfficerId: officerId, PostId: postId);
}
