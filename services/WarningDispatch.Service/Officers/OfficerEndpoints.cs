using System.Security.Claims;
using WarningDispatch.Domain.Routing;
using WarningDispatch.Domain.Tasks;
using WarningDispatch.Service.Identity;
using WarningDispatch.Service.Tasks;

namespace WarningDispatch.Service.Officers;

public static class OfficerEndpoints
{
    public static void MapOfficers(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/posts", (Router router) => Results.Ok(router.Posts.All.Select(p => new
        {
            postId = p.PostId, name = p.Name, level = p.Level.ToString(), parentId = p.ParentId,
            lat = p.Lat, lon = p.Lon, areaType = p.AreaType.ToString(), regionCodes = p.RegionCodes,
        }))).WithTags("Officers").AllowAnonymous();

        var officers = app.MapGroup("/api/officers").WithTags("Officers").RequireAuthorization("Officer");
        officers.MapGet("/", async (IOfficerRoster roster, IOfficerPresence presence, CancellationToken ct) =>
        {
            var online = await presence.OnlineAsync(ct);
            return Results.Ok((await roster.ListAsync(ct))
                .Select(o => o with { Online = online.Contains(o.OfficerId) }));
        });

        // An officer sets their own duty status; a duty officer that of the officers whose post lies in their area.
        officers.MapPost("/{officerId}/duty", async (string officerId, HttpRequest request, ClaimsPrincipal user,
            OfficerDuty duty, IOfficerRoster roster, PostRegistry posts, CancellationToken ct) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<DutyRequest>(request, ct);
            if (problem is not null) return problem;
            if (body!.OnDuty is not { } onDuty)
                return Results.ValidationProblem(
                    new Dictionary<string, string[]> { ["onDuty"] = ["is required: true or false"] });
            var actor = user.ToActor();
            if (actor.Role == ActorRole.DutyOfficer)
            {
                if (roster.Find(officerId) is { } officer && !posts.LiesIn(officer.PostId, actor.AreaId))
                    return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not your area.",
                        detail: "只能变更本辖区民警的在岗状态 "
                                + "(you may change the duty status only of officers in your area)");
            }
            else if (actor.OfficerId != officerId)
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not your duty status.",
                    detail: "只能变更本人的在岗状态 (you may change only your own duty status)");
            var result = await duty.SetAsync(officerId, onDuty, actor, ct);
            return result is null ? Results.NotFound() : Results.Ok(result);
        });
    }
}
