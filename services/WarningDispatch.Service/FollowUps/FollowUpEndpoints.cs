using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using WarningDispatch.Contracts;
using WarningDispatch.Domain.Tasks;
using WarningDispatch.Service.Identity;
using WarningDispatch.Service.Tasks;

namespace WarningDispatch.Service.FollowUps;

/// <summary>
/// The follow-up visits (回访, INTERFACE.md §8): the pending ones a caller may do, soonest first, and recording one.
/// A field officer's list is their post's; a duty officer's, their area's.
/// </summary>
public static class FollowUpEndpoints
{
    const int DefaultPageSize = 25, MaxPageSize = 100, MaxPage = 10_000;
    static readonly string[] States = ["due", "overdue", "upcoming", "all"];

    public static void MapFollowUps(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/follow-ups", List).WithTags("Follow-ups").RequireAuthorization("Officer");
        app.MapPost("/api/tasks/{taskId}/follow-up", Record).WithTags("Tasks").RequireAuthorization("Officer");
    }

    /// <summary>Read from the post's or area's follow-up index, a page at a time: never a scan of all tasks.</summary>
    static async Task<Results<Ok<FollowUpPage>, ProblemHttpResult>> List(
        [AsParameters] FollowUpQuery query, ClaimsPrincipal user, ITaskStore store, ITaskIndexReader indexes,
        IOptions<FollowUpOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var state = query.State ?? "due";
        if (!States.Contains(state, StringComparer.Ordinal))
            return TaskProblems.Invalid("state", new Refusal(ProblemCode.NotOneOf,
                ("field", "state"), ("values", string.Join(", ", States))));
        if (TaskEndpoints.WholeNumber(query.Page, "page", 1, MaxPage, 1, out var page) is { } badPage) return badPage;
        if (TaskEndpoints.WholeNumber(query.PageSize, "pageSize", 1, MaxPageSize, DefaultPageSize, out var size)
            is { } badSize) return badSize;
        var actor = user.ToActor();
        var index = actor switch
        {
            { Role: ActorRole.DutyOfficer, AreaId: { } area } => FollowUpIndex.Area(area),
            { Role: ActorRole.FieldOfficer, PostId: { } post } => FollowUpIndex.Post(post),
            _ => null,
        };
        var grace = (long)options.Value.Grace.TotalSeconds;
        if (index is null)
            return TypedResults.Ok(new FollowUpPage
            {
                Items = [], Page = page, PageSize = size, Total = 0, GraceSeconds = grace,
            });

        double now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var (min, max) = state switch
        {
            "due" => (double.NegativeInfinity, now),
            "overdue" => (double.NegativeInfinity, now - options.Value.Grace.TotalMilliseconds - 1),
            "upcoming" => (now + 1, double.PositiveInfinity),
            _ => (double.NegativeInfinity, double.PositiveInfinity),
        };
        var total = await indexes.CountAsync(index, min, max, ct);
        var ids = await indexes.RangeAsync(index, min, max, highestFirst: false, (page - 1) * size, size, ct);
        var tasks = await store.GetManyAsync(ids.Select(m => m.Member).ToList(), ct);
        return TypedResults.Ok(new FollowUpPage
        {
            Items = tasks.Where(t => t.FollowUpPending && t.IsVisibleTo(actor)).Select(t => View(t, user, actor))
                .ToList(),
            Page = page, PageSize = size, Total = total, GraceSeconds = grace,
        });
    }

    static Task<Results<Ok<TaskSnapshot>, ProblemHttpResult>> Record([AsParameters] TaskActionContext c) =>
        TaskEndpoints.Run<FollowUpRequest>(c, (body, t) =>
            TaskEndpoints.ExactEnum<FollowUpResult>(body.Result, "result", out var result) is { } bad ? bad
            : t.RecordFollowUp(c.Actor, body.ActionId ?? "", result, body.AmountLost, body.Note, c.Now));

    /// <summary>
    /// The officers of the post go to see the person (or call them): on their list they see whom, as the task's own
    /// officer does. Everyone else as the task endpoints show it.
    /// </summary>
    static TaskSnapshot View(DispatchTask task, ClaimsPrincipal user, Actor actor) =>
        actor.Role == ActorRole.FieldOfficer && actor.PostId == task.PostId
            ? task.ToSnapshot(actor, maskPersonalData: false)
            : TaskEndpoints.View(task, user);
}
