using System.Security.Claims;
using WarningDispatch.Domain.Tasks;

namespace WarningDispatch.Service.Identity;

public static class DispatchClaims
{
    public const string OfficerId = "officer_id";
    public const string AreaId = "area_id";
    /// <summary>A field officer's post (from the region at sign-in): its officers do its follow-up visits.</summary>
    public const string PostId = "post_id";
    /// <summary>Present ("true") when the user may see the person's name, phone and address on tasks outside their
    /// own.</summary>
    public const string PersonalData = "personal_data";
    /// <summary>One sign-in: every token and cookie it issues carries it, and logging out revokes it.</summary>
    public const string SessionId = "sid";
    /// <summary>When the sign-in ends for good (Unix seconds): refreshing never carries a session past it.</summary>
    public const string SessionEnds = "session_ends";

    /// <summary>The actor for the state machine, from the authenticated user only.</summary>
    public static Actor ToActor(this ClaimsPrincipal user)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier)
                 ?? throw new InvalidOperationException("Authenticated user without a name identifier.");
        if (user.IsInRole(Roles.DutyOfficer) && user.FindFirstValue(AreaId) is { } area) return Actor.Duty(id, area);
        if (user.IsInRole(Roles.FieldOfficer) && user.FindFirstValue(OfficerId) is { } officer)
            return Actor.Field(id, officer, user.FindFirstValue(PostId));
        return new Actor(id, ActorRole.FieldOfficer);
    }

    /// <summary>The account may see personal data of every task it may see (and search by it).</summary>
    public static bool SeesPersonalData(this ClaimsPrincipal user) => user.FindFirstValue(PersonalData) == "true";

    /// <summary>Field officers see their own task in full (they must call and visit); others see it masked unless
    /// allowed.</summary>
    public static bool SeesPersonalDataOf(this ClaimsPrincipal user, string? taskOfficerId) =>
        user.SeesPersonalData() ||
        (taskOfficerId is not null && user.FindFirstValue(OfficerId) == taskOfficerId);
}
