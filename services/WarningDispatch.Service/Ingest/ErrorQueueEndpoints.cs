using System.Security.Claims;
using WarningDispatch.Domain.Routing;
using WarningDispatch.Domain.Tasks;
using WarningDispatch.Service.Identity;

namespace WarningDispatch.Service.Ingest;

public static class ErrorQueueEndpoints
{
    public static void MapErrorQueue(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/operations/error-queue").WithTags("Operations")
            .RequireAuthorization(Roles.DutyOfficer);
        group.MapGet("/", async (int? max, ClaimsPrincipal user, PostRegistry posts, IErrorQueue queue,
            CancellationToken ct) =>
        {
            if (Refusal(user, posts) is { } refused) return refused;
            if (!queue.Exists) return NotOnEmbeddedBus();
            var letters = await queue.PeekAsync(Math.Clamp(max ?? 50, 1, 500), ct);
            return Results.Ok(letters.Select(l => ForViewer(l, user)).ToList());
        });
        group.MapPost("/replay", async (int? max, ClaimsPrincipal user, PostRegistry posts, IErrorQueue queue,
            CancellationToken ct) =>
            Refusal(user, posts) ?? (queue.Exists
                ? Results.Ok(new { replayed = await queue.ReplayAsync(Math.Clamp(max ?? 100, 1, 10_000), ct) })
                : NotOnEmbeddedBus()));
    }

    /// <summary>
    /// An entry has no reliable area: its body failed somewhere after validation, may be an envelope or unreadable,
    /// and a region code in it was never checked against the post it would route to. So rather than guess an area
    /// per entry, only duty officers of a top-level area (a post without a parent: the whole region) see or replay
    /// the queue; everyone else gets 403.
    /// </summary>
    internal static IResult? Refusal(ClaimsPrincipal user, PostRegistry posts) =>
        user.IsInRole(Roles.DutyOfficer) && posts.IsTopLevel(user.FindFirstValue(DispatchClaims.AreaId))
            ? null
            : Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not your area.",
                detail: "错误队列仅对全市值班员开放 (the error queue is open only to duty officers of the whole region)");

    /// <summary>The body holds the person's data in full; masked unless the viewer may see personal data.</summary>
    internal static DeadLetter ForViewer(DeadLetter letter, ClaimsPrincipal user) =>
        user.FindFirstValue(DispatchClaims.PersonalData) == "true"
            ? letter
            : letter with { Body = RawBodyMask.Mask(letter.Body) };

    static IResult NotOnEmbeddedBus() => Results.Problem(statusCode: StatusCodes.Status404NotFound,
        title: "No error queue.",
        detail: "the embedded in-process bus keeps no error queue; failed messages are in the service log");
}
