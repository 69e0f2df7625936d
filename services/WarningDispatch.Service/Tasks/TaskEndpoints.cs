using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using WarningDispatch.Contracts;
using WarningDispatch.Domain.Escalation;
using WarningDispatch.Domain.Routing;
using WarningDispatch.Domain.Tasks;
using WarningDispatch.Service.Cases;
using WarningDispatch.Service.Identity;
using WarningDispatch.Service.Officers;

namespace WarningDispatch.Service.Tasks;

/// <summary>
/// <c>/api/tasks</c>: read the tasks the caller may see, and act on them. Every snapshot carries the caller's own
/// <c>allowedActions</c>; every refusal a <c>code</c> with <c>parameters</c> (see <see cref="TaskProblems"/>).
/// </summary>
public static partial class TaskEndpoints
{
    [System.Text.RegularExpressions.GeneratedRegex(@"\AC[0-9A-F]{32}\z")]
    private static partial System.Text.RegularExpressions.Regex CaseIdFormat();

    /// <summary>What <c>?status=recent</c> adds to the active tasks: long enough for "done today".</summary>
    static readonly TimeSpan RecentlyResolved = TimeSpan.FromHours(24);

    public static void MapTasks(this IEndpointRouteBuilder app)
    {
        var tasks = app.MapGroup("/api/tasks").WithTags("Tasks").RequireAuthorization("Officer");
        tasks.MapGet("/", List);
        tasks.MapGet("/search", Search).RequireAuthorization(Roles.DutyOfficer);
        tasks.MapGet("/{taskId}", Get);
        tasks.MapPost("/{taskId}/acknowledge", Acknowledge);
        tasks.MapPost("/{taskId}/call-result", RecordCallResult);
        tasks.MapPost("/{taskId}/arrive", Arrive);
        tasks.MapPost("/{taskId}/outcome", RecordOutcome);
        tasks.MapPost("/{taskId}/escalate", Escalate);
        tasks.MapPost("/{taskId}/assign", Assign).RequireAuthorization(Roles.DutyOfficer);
        tasks.MapPost("/{taskId}/attempts", RecordAttempt);
        tasks.MapPost("/{taskId}/notes", RecordNote);
    }

    /// <summary>
    /// ?status=active (the default) for unresolved tasks; recent for those and the ones resolved in the last
    /// <see cref="RecentlyResolved"/> (a console's "done today"; older ones: <c>/api/tasks/search</c>). ?caseId= for
    /// the tasks of one case (all of them unless ?status=active). Never a read of every task ever stored.
    /// </summary>
    static async Task<Results<Ok<List<TaskSnapshot>>, ProblemHttpResult>> List(
        string? status, string? caseId, ClaimsPrincipal user, ITaskStore store, ICaseStore cases,
        ITaskIndexReader indexes, TimeProvider clock, CancellationToken ct)
    {
        if (status is not null and not "active" and not "recent")
            return TaskProblems.Invalid("status", new Refusal(ProblemCode.StatusFilter, ("field", "status")));
        var actor = user.ToActor();
        var list = caseId is not null
            ? await CaseTasksAsync(caseId, activeOnly: status == "active", store, cases, ct)
            : status == "recent"
                ? [.. await store.ListActiveAsync(ct), .. await RecentlyResolvedAsync(store, indexes, clock, ct)]
                : await store.ListActiveAsync(ct);
        return TypedResults.Ok(list.Where(t => t.IsVisibleTo(actor)).Select(t => View(t, user))
            .OrderBy(t => t.Deadline ?? DateTimeOffset.MaxValue).ToList());
    }

    static async Task<IReadOnlyList<DispatchTask>> RecentlyResolvedAsync(
        ITaskStore store, ITaskIndexReader indexes, TimeProvider clock, CancellationToken ct)
    {
        var since = (clock.GetUtcNow() - RecentlyResolved).ToUnixTimeMilliseconds();
        var ids = await indexes.RangeAsync(ResolvedTaskIndex.Name, since, double.PositiveInfinity,
            highestFirst: true, 0, int.MaxValue, ct);
        return await store.GetManyAsync(ids.Select(m => m.Member).ToList(), ct);
    }

    static async Task<IReadOnlyList<DispatchTask>> CaseTasksAsync(
        string caseId, bool activeOnly, ITaskStore store, ICaseStore cases, CancellationToken ct)
    {
        // Case ids are ours (C + 32 hex digits): anything else names no case, and reaches no store key.
        if (!CaseIdFormat().IsMatch(caseId) || await cases.GetCaseAsync(caseId, ct) is not { } view) return [];
        var tasks = new List<DispatchTask>();
        foreach (var member in view.Members.Where(m => !activeOnly || m.Active))
            if (await store.GetAsync(member.TaskId, ct) is { } task) tasks.Add(task);
        return tasks;
    }

    static async Task<Results<Ok<TaskSnapshot>, ProblemHttpResult>> Get(
        string taskId, ClaimsPrincipal user, ITaskStore store, CancellationToken ct)
    {
        if (await store.GetAsync(taskId, ct) is not { } task) return TaskProblems.NotFound();
        return task.IsVisibleTo(user.ToActor())
            ? TypedResults.Ok(View(task, user))
            : TaskProblems.Forbidden(new Refusal(ProblemCode.NotYourTask));
    }

    static Task<Results<Ok<TaskSnapshot>, ProblemHttpResult>> Acknowledge([AsParameters] TaskActionContext c) =>
        Run<ActionRequest>(c, (body, t) => t.Acknowledge(c.Actor, body.ActionId ?? "", c.Now));

    static Task<Results<Ok<TaskSnapshot>, ProblemHttpResult>> RecordCallResult(
        [AsParameters] TaskActionContext c, FollowUpPolicy followUp) =>
        Run<CallResultRequest>(c, (body, t) =>
            ExactEnum<CallResult>(body.Result, "result", out var result) is { } bad ? bad
            : t.RecordCallResult(c.Actor, body.ActionId ?? "", result, c.Now, followUp));

    static Task<Results<Ok<TaskSnapshot>, ProblemHttpResult>> Arrive([AsParameters] TaskActionContext c) =>
        Run<ActionRequest>(c, (body, t) => t.ArriveOnScene(c.Actor, body.ActionId ?? "", c.Now));

    static Task<Results<Ok<TaskSnapshot>, ProblemHttpResult>> RecordOutcome(
        [AsParameters] TaskActionContext c, FollowUpPolicy followUp) =>
        Run<OutcomeRequest>(c, (body, t) =>
            ExactEnum<TaskOutcome>(body.Outcome, "outcome", out var outcome) is { } bad ? bad
            : t.RecordOutcome(c.Actor, body.ActionId ?? "", outcome, body.Amount, c.Now, followUp));

    static Task<Results<Ok<TaskSnapshot>, ProblemHttpResult>> Escalate([AsParameters] TaskActionContext c) =>
        Run<ActionRequest>(c, (body, t) => t.EscalateToHomeVisit(c.Actor, body.ActionId ?? "", c.Now));

    /// <summary>One call to reach the person (<c>"subject"</c>) or one of their contacts (its index).</summary>
    static Task<Results<Ok<TaskSnapshot>, ProblemHttpResult>> RecordAttempt(
        [AsParameters] TaskActionContext c, ContactPolicy policy) =>
        Run<AttemptRequest>(c, (body, t) =>
            ContactOf(body.Contact, t, c.Actor, out var contact) is { } badContact ? badContact
            : ExactEnum<AttemptResult>(body.Result, "result", out var result) is { } bad ? bad
            : t.RecordAttempt(c.Actor, body.ActionId ?? "", contact, result, policy, c.Now));

    static Task<Results<Ok<TaskSnapshot>, ProblemHttpResult>> RecordNote([AsParameters] TaskActionContext c) =>
        Run<NoteRequest>(c, (body, t) => t.RecordNote(c.Actor, body.ActionId ?? "", body.Text, c.Now));

    /// <summary>
    /// <c>"subject"</c> (null: the person) or a whole JSON number; the domain checks that the task has that contact.
    /// </summary>
    static ActionResult? ContactOf(JsonElement? value, DispatchTask task, Actor actor, out int? contact)
    {
        contact = null;
        if (value is { ValueKind: JsonValueKind.String } s && s.ValueEquals("subject")) return null;
        if (value is { ValueKind: JsonValueKind.Number } n && n.TryGetInt32(out var index) && index >= 0)
        {
            contact = index;
            return null;
        }
        // How many contacts a task has is for those who may see it.
        if (!task.IsVisibleTo(actor)) return ActionResult.Forbidden(new Refusal(ProblemCode.NotYourTask));
        var count = (task.Instruction.Subject.Contacts?.Count ?? 0).ToString(CultureInfo.InvariantCulture);
        return ActionResult.Invalid(new Refusal(ProblemCode.UnknownContact, ("field", "contact"), ("count", count)),
            "contact");
    }

    /// <summary>
    /// Assigns an unrouted task or reassigns an active one to an on-duty officer of the duty officer's own area;
    /// the post is the officer's.
    /// </summary>
    static async Task<Results<Ok<TaskSnapshot>, ProblemHttpResult>> Assign(
        [AsParameters] TaskActionContext c, IOfficerRoster roster, Router router)
    {
        var (body, problem) = await JsonBody.ReadAsync<AssignRequest>(c.Request, c.Ct);
        if (problem is not null) return problem;
        if (string.IsNullOrWhiteSpace(body!.OfficerId) || roster.Find(body.OfficerId) is not { } officer)
            return TaskProblems.Invalid("officerId", new Refusal(ProblemCode.UnknownOfficer, ("field", "officerId")));
        var actor = c.Actor;
        // Before the duty check, so nobody learns the duty status of an officer they may not assign.
        if (!router.Posts.LiesIn(officer.PostId, actor.AreaId))
            return TaskProblems.Forbidden(new Refusal(ProblemCode.OutsideArea));
        if (!await roster.IsOnDutyAsync(officer.OfficerId, c.Ct))
            return TaskProblems.Conflict(new Refusal(ProblemCode.OfficerNotOnDuty, ("officer", officer.OfficerId)));
        var decision = router.Manual(officer.PostId, officer.OfficerId, actor.UserId);
        return await Change(c, t => t.Assign(actor, body.ActionId ?? "", decision, c.Now));
    }

    internal static TaskSnapshot View(DispatchTask task, ClaimsPrincipal user) =>
        task.ToSnapshot(user.ToActor(), maskPersonalData: !user.SeesPersonalDataOf(task.OfficerId));

    /// <summary>Reads the body strictly, then runs the action; the action may answer a problem of its own.</summary>
    internal static async Task<Results<Ok<TaskSnapshot>, ProblemHttpResult>> Run<TBody>(
        TaskActionContext c, Func<TBody, DispatchTask, ActionResult> action) where TBody : class
    {
        var (body, problem) = await JsonBody.ReadAsync<TBody>(c.Request, c.Ct);
        if (problem is not null) return problem;
        return await Change(c, t => action(body!, t));
    }

    static async Task<Results<Ok<TaskSnapshot>, ProblemHttpResult>> Change(
        TaskActionContext c, Func<DispatchTask, ActionResult> action)
    {
        if (await c.Workflow.ChangeAsync(c.TaskId, action, c.Ct) is not var (result, task))
            return TaskProblems.NotFound();
        // Every refusal of the task's rules has its own code; the general one is for a refusal that came without.
        var why = result.Refusal ?? new Refusal(ProblemCode.NotAllowedNow);
        return result.Status switch
        {
            ActionStatus.Applied or ActionStatus.AlreadyApplied => TypedResults.Ok(View(task, c.User)),
            // The task's step and version, so a console can tell that its copy was behind.
            ActionStatus.NotAllowed => TaskProblems.Conflict(why, new Dictionary<string, object?>
            {
                ["status"] = task.Status.ToString(), ["version"] = task.Version,
            }),
            ActionStatus.ActionIdReused => TaskProblems.Conflict(why),
            ActionStatus.Forbidden => TaskProblems.Forbidden(why),
            _ => TaskProblems.Invalid(result.Field ?? "action", why),
        };
    }

    /// <summary>
    /// Exactly a declared name: <see cref="Enum.TryParse{TEnum}(string?, bool, out TEnum)"/> would also take
    /// <c>"0"</c>, <c>"busy"</c>, <c>" Busy"</c> and <c>"Busy,NoAnswer"</c> (flags), each a value nobody chose.
    /// </summary>
    internal static ActionResult? ExactEnum<T>(string? value, string field, out T parsed) where T : struct, Enum
    {
        if (value is not null && Enum.GetNames<T>().Contains(value, StringComparer.Ordinal))
        {
            parsed = Enum.Parse<T>(value);
            return null;
        }
        parsed = default;
        var values = string.Join(", ", Enum.GetNames<T>());
        return ActionResult.Invalid(new Refusal(ProblemCode.NotOneOf, ("field", field), ("values", values)), field);
    }
}
