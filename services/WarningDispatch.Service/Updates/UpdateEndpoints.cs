using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using WarningDispatch.Domain.Ingest;
using WarningDispatch.Service.Ingest;
using WarningDispatch.Service.Tasks;

namespace WarningDispatch.Service.Updates;

/// <summary><c>POST /api/warnings/{instructionId}/updates</c> (INTERFACE.md §7), with the API key of §1.</summary>
public static class UpdateEndpoints
{
    public static void MapUpdates(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/warnings/{instructionId}/updates", PostUpdate).WithTags("Updates").AllowAnonymous();

    /// <summary>
    /// 202 when applied, 200 for a repeat of an applied update id; 400 naming every broken rule (and a body whose
    /// <c>instructionId</c> is not the path's), 413 over the size cap, 404 for an unknown instruction, 409 for a
    /// resolved task or an update id reused with another payload. Refusals over HTTP are answered, not kept: the
    /// sender reads the reason.
    /// </summary>
    static async Task<IResult> PostUpdate(string instructionId, HttpRequest request, UpdateIntake intake,
        IOptions<IngestOptions> options, CancellationToken ct)
    {
        if (!IngestEndpoints.HasValidKey(request, options.Value)) return IngestEndpoints.KeyRequired();
        var body = await IngestEndpoints.ReadBodyAsync(request, options.Value.MaxBodyBytes, ct);
        var result = await intake.ApplyAsync(body, instructionId, ct);
        return result.Outcome switch
        {
            UpdateOutcome.Applied => TypedResults.Accepted($"/api/tasks/{result.TaskId}",
                new { taskId = result.TaskId, duplicate = false }),
            UpdateOutcome.AlreadyApplied => TypedResults.Ok(new { taskId = result.TaskId, duplicate = true }),
            UpdateOutcome.UnknownInstruction => TaskProblems.NotFound(),
            UpdateOutcome.Refused => TaskProblems.Conflict(result.Refusal!,
                new Dictionary<string, object?> { ["taskId"] = result.TaskId }),
            _ when body.Length > options.Value.MaxBodyBytes => TypedResults.Problem(
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "消息过大 (the message is too large)",
                extensions: new Dictionary<string, object?> { ["errors"] = Fields(result.Errors) }),
            _ => TypedResults.ValidationProblem(Fields(result.Errors),
                title: "更新不符合规则 (the update breaks one or more rules)"),
        };
    }

    static Dictionary<string, string[]> Fields(IReadOnlyList<FieldError> errors) =>
        errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
}
