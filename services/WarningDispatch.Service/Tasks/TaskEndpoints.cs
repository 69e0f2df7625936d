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

        tasks.MapPost("/{taskId}/acknowledge", (string taskId, HttpRequest request, ClaimsPrincipal user,
                TaskWorkflow workflow, TimeProvider clock, CancellationToken ct) =>
            Run<ActionRequest>(request, taskId, user, workflow, ct,
                (body, t) => t.Acknowledge(user.ToActor(), body.ActionId ?? "", clock.GetUtcNow())));

        tasks.MapPost("/{taskId}/call-result", (string taskId, HttpRequest request, ClaimsPrincipal user,
                TaskWorkflow workflow, TimeProvider clock, CancellationToken ct) =>
            Run<CallResultRequest>(request, taskId, user, workflow, ct, (body, t) =>
                ExactEnum<CallResult>(body.Result, "result", out var result) is { } bad ? bad
                : t.RecordCallResult(user.ToActor(), body.ActionId ?? "", result, clock.GetUtcNow())));

        tasks.MapPost("/{taskId}/arrive", (string taskId, HttpRequest request, ClaimsPrincipal user,
                TaskWorkflow workflow, TimeProvider clock, CancellationToken ct) =>
            Run<ActionRequest>(request, taskId, user, workflow, ct,
                (body, t) => t.ArriveOnScene(user.ToActor(), body.ActionId ?? "", clock.GetUtcNow())));

        tasks.MapPost("/{taskId}/outcome", (string taskId, HttpRequest request, ClaimsPrincipal user,
                TaskWorkflow workflow, TimeProvider clock, CancellationToken ct) =>
            Run<OutcomeRequest>(request, taskId, user, workflow, ct, (body, t) =>
                ExactEnum<TaskOutcome>(body.Outcome, "outcome", out var outcome) is { } bad ? bad
                : t.RecordOutcome(user.ToActor(), body.ActionId ?? "", outcome, body.Amount, clock.GetUtcNow())));

        tasks.MapPost("/{taskId}/escalate", (string taskId, HttpRequest request, ClaimsPrincipal user,
                TaskWorkflow workflow, TimeProvider clock, CancellationToken ct) =>
            Run<ActionRequest>(request, taskId, user, workflow, ct,
                (body, t) => t.EscalateToHomeVisit(user.ToActor(), body.ActionId ?? "", clock.GetUtcNow())));

        // Assign an unrouted task or reassign an active one to an on-duty officer of the duty officer's own area;
        // the post is the officer's.
        tasks.MapPost("/{taskId}/assign", async (string taskId, HttpRequest request, ClaimsPrincipal user,
            TaskWorkflow workflow, IOfficerRoster roster, Router router, TimeProvider clock, CancellationToken ct) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<AssignRequest>(request, ct);
            if (problem is not null) return problem;
            if (string.IsNullOrWhiteSpace(body!.OfficerId) || roster.Find(body.OfficerId) is not { } officer)
                return Results.ValidationProblem(
                    new Dictionary<string, string[]> { ["officerId"] = ["must name a known officer"] });
            var actor = user.ToActor();
            // Before the duty check, so nobody learns the duty status of an officer they may not assign.
            if (!router.Posts.LiesIn(officer.PostId, actor.AreaId))
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not your area.",
                    detail: "不能指派其他辖区的民警 (cannot assign an officer outside your area)");
            if (!await roster.IsOnDutyAsync(officer.OfficerId, ct))
                return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not allowed at this step.",
                    detail: $"officer {officer.OfficerId} is off duty and cannot be assigned");
            var decision = router.Manual(officer.PostId, officer.OfficerId, actor.UserId);
            return await Run(taskId, user, workflow, ct,
                t => t.Assign(actor, body.ActionId ?? "", decision, clock.GetUtcNow()));
        }).RequireAuthorization(Roles.DutyOfficer);
    }

    static TaskSnapshot View(DispatchTask task, ClaimsPrincipal user) =>
        task.ToSnapshot(maskPersonalData: !user.SeesPersonalDataOf(task.OfficerId));

    /// <summary>Reads the body strictly, then runs the action; the action may answer a problem of its own.</summary>
    static async Task<IResult> Run<TBody>(HttpRequest request, string taskId, ClaimsPrincipal user,
        TaskWorkflow workflow, CancellationToken ct, Func<TBody, DispatchTask, ActionResult> action) where TBody : class
    {
        var (body, problem) = await JsonBody.ReadAsync<TBody>(request, ct);
        return problem ?? await Run(taskId, user, workflow, ct, t => action(body!, t));
    }

    static async Task<IResult> Run(string taskId, ClaimsPrincipal user, TaskWorkflow workflow, CancellationToken ct,
        Func<DispatchTask, ActionResult> action)
    {
        var done = await workflow.ChangeAsync(taskId, action, ct);
        if (done is not var (result, task)) return Results.NotFound();
        return result.Status switch
        {
            ActionStatus.Applied or ActionStatus.AlreadyApplied => Results.Ok(View(task, user)),
            ActionStatus.NotAllowed => Results.Problem(statusCode: StatusCodes.Status409Conflict,
                title: "Not allowed at this step.", detail: result.Reason,
                extensions: new Dictionary<string, object?>
                {
                    ["status"] = task.Status.ToString(), ["version"] = task.Version,
                }),
            ActionStatus.ActionIdReused => Results.Problem(statusCode: StatusCodes.Status409Conflict,
                title: "操作编号已用于另一操作 (action id already used for another action)", detail: result.Reason),
            ActionStatus.Forbidden => Results.Problem(statusCode: StatusCodes.Status403Forbidden,
                title: "Not your task.", detail: result.Reason),
            _ => Results.ValidationProblem(
                new Dictionary<string, string[]> { [result.Field ?? "action"] = [result.Reason ?? "invalid"] }),
        };
    }

    /// <summary>
    /// Exactly a declared name: <see cref="Enum.TryParse{TEnum}(string?, bool, out TEnum)"/> would also take
    /// <c>"0"</c>, <c>"busy"</c>, <c>" Busy"</c> and <c>"Busy,NoAnswer"</c> (flags), each a value nobody chose.
    /// </summary>
    static ActionResult? ExactEnum<T>(string? value, string field, out T parsed) where T : struct, Enum
    {
        if (value is not null && Enum.GetNames<T>().Contains(value, StringComparer.Ordinal))
        {
            parsed = Enum.Parse<T>(value);
            return null;
        }
        parsed = default;
        var names = string.Join(", ", Enum.GetNames<T>());
        return ActionResult.Invalid(
            $"{field} 须为以下取值之一（区分大小写）：{names} ({field} must be exactly one of: {names})", field);
    }
}
