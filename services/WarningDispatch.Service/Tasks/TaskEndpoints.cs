using System.Security.Claims;
using WarningDispatch.Contracts;
using WarningDispatch.Domain.Routing;
using WarningDispatch.Domain.Tasks;
using WarningDispatch.Service.Identity;
using WarningDispatch.Service.Officers;

namespace WarningDispatch.Service.Tasks;

public sealed record ActionRequest(string? ActionId);
public sealed record CallResultRequest(string? ActionId, string? Result);
public sealed record OutcomeRequest(string? ActionId, string? Outcome, decimal? Amount);
public sealed record AssignRequest(string? ActionId, string? OfficerId);

public static class TaskEndpoints
{
    public static void MapTasks(this IEndpointRouteBuilder app)
    {
        var tasks = app.MapGroup("/api/tasks").WithTags("Tasks").RequireAuthorization("Officer");

        // ?status=active for unresolved tasks; the caller sees only what it may see.
        tasks.MapGet("/", async (string? status, ClaimsPrincipal user, ITaskStore store, CancellationToken ct) =>
        {
            if (status is not null and not "active" and not "all")
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["must be active or all"] });
            var actor = user.ToActor();
            var list = await store.ListAsync(activeOnly: status != "all", ct);
            return Results.Ok(list.Where(t => t.IsVisibleTo(actor)).Select(t => View(t, user)).OrderBy(t => t.Deadline ?? DateTimeOffset.MaxValue).ToList());
        });

        tasks.MapGet("/{taskId}", async (string taskId, ClaimsPrincipal user, ITaskStore store, CancellationToken ct) =>
        {
            var task = await store.GetAsync(taskId, ct);
            if (task is null) return Results.NotFound();
            return task.IsVisibleTo(user.ToActor()) ? Results.Ok(View(task, user)) : Results.Forbid();
        });

        tasks.MapPost("/{taskId}/acknowledge", (string taskId, ActionRequest body, ClaimsPrincipal user, TaskWorkflow workflow, TimeProvider clock, CancellationToken ct) =>
            Run(taskId, user, workflow, ct, t => t.Acknowledge(user.ToActor(), body.ActionId ?? "", clock.GetUtcNow())));

        tasks.MapPost("/{taskId}/call-result", (string taskId, CallResultRequest body, ClaimsPrincipal user, TaskWorkflow workflow, TimeProvider clock, CancellationToken ct) =>
            ParseEnum<CallResult>(body.Result, "result", out var result) is { } bad ? Task.FromResult(bad)
            : Run(taskId, user, workflow, ct, t => t.RecordCallResult(user.ToActor(), body.ActionId ?? "", result, clock.GetUtcNow())));

        tasks.MapPost("/{taskId}/arrive", (string taskId, ActionRequest body, ClaimsPrincipal user, TaskWorkflow workflow, TimeProvider clock, CancellationToken ct) =>
            Run(taskId, user, workflow, ct, t => t.ArriveOnScene(user.ToActor(), body.ActionId ?? "", clock.GetUtcNow())));

        tasks.MapPost("/{taskId}/outcome", (string taskId, OutcomeRequest body, ClaimsPrincipal user, TaskWorkflow workflow, TimeProvider clock, CancellationToken ct) =>
            ParseEnum<TaskOutcome>(body.Outcome, "outcome", out var outcome) is { } bad ? Task.FromResult(bad)
            : Run(taskId, user, workflow, ct, t => t.RecordOutcome(user.ToActor(), body.ActionId ?? "", outcome, body.Amount, clock.GetUtcNow())));

        tasks.MapPost("/{taskId}/escalate", (string taskId, ActionRequest body, ClaimsPrincipal user, TaskWorkflow workflow, TimeProvider clock, CancellationToken ct) =>
            Run(taskId, user, workflow, ct, t => t.EscalateToHomeVisit(user.ToActor(), body.ActionId ?? "", clock.GetUtcNow())));

        // Assign an unrouted task or reassign an active one to an on-duty officer; the post is the officer's.
        tasks.MapPost("/{taskId}/assign", async (string taskId, AssignRequest body, ClaimsPrincipal user, TaskWorkflow workflow, IOfficerRoster roster, Router router, TimeProvider clock, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(body.OfficerId) || roster.Find(body.OfficerId) is not { } officer)
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["officerId"] = ["must name a known officer"] });
            if (!await roster.IsOnDutyAsync(officer.OfficerId, ct))
                return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not allowed at this step.", detail: $"officer {officer.OfficerId} is off duty and cannot be assigned");
            var actor = user.ToActor();
            return await Run(taskId, user, workflow, ct, t => t.Assign(actor, body.ActionId ?? "", router.Manual(officer.PostId, officer.OfficerId, actor.UserId), clock.GetUtcNow()));
        }).RequireAuthorization(Roles.DutyOfficer);
    }

    static TaskSnapshot View(DispatchTask task, ClaimsPrincipal user) =>
        task.ToSnapshot(maskPersonalData: !user.SeesPersonalDataOf(task.OfficerId));

    static async Task<IResult> Run(string taskId, ClaimsPrincipal user, TaskWorkflow workflow, CancellationToken ct, Func<DispatchTask, ActionResult> action)
    {
        var done = await workflow.ChangeAsync(taskId, action, ct);
        if (done is not var (result, task)) return Results.NotFound();
        return result.Status switch
        {
            ActionStatus.Applied or ActionStatus.AlreadyApplied => Results.Ok(View(task, user)),
            ActionStatus.NotAllowed => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not allowed at this step.", detail: result.Reason,
                extensions: new Dictionary<string, object?> { ["status"] = task.Status.ToString(), ["version"] = task.Version }),
            ActionStatus.Forbidden => Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not your task.", detail: result.Reason),
            _ => Results.ValidationProblem(new Dictionary<string, string[]> { ["action"] = [result.Reason ?? "invalid"] }),
        };
    }

    static IResult? ParseEnum<T>(string? value, string field, out T parsed) where T : struct, Enum
    {
        if (value is not null && Enum.TryParse(value, ignoreCase: true, out parsed) && Enum.IsDefined(parsed)) return null;
        parsed = default;
        return Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [$"must be one of {string.Join(", ", Enum.GetNames<T>())}"] });
    }
}
