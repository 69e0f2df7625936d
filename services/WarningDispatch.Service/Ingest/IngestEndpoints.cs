using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using WarningDispatch.Domain.Ingest;
using WarningDispatch.Domain.Tasks;
using WarningDispatch.Service.FraudReports;
using WarningDispatch.Service.Identity;
using WarningDispatch.Service.Updates;

namespace WarningDispatch.Service.Ingest;

public static class IngestEndpoints
{
    public const string ApiKeyHeader = "X-Api-Key";
    const int DefaultPage = 50;
    const int MaxPage = 200;

    public static void MapIngest(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/warnings", PostWarning).WithTags("Ingest").AllowAnonymous();

        var rejections = app.MapGroup("/api/rejections").WithTags("Ingest").RequireAuthorization(Roles.DutyOfficer);
        rejections.MapGet("/", ListRejections);
        rejections.MapGet("/{rejectionId}", GetRejection);
        rejections.MapPost("/{rejectionId}/replay", ReplayRejection);
    }

    static async Task<IResult> PostWarning(HttpRequest request, InstructionIntake intake,
        IOptions<IngestOptions> options, CancellationToken ct)
    {
        if (!HasValidKey(request, options.Value)) return KeyRequired();
        var body = await ReadBodyAsync(request, options.Value.MaxBodyBytes, ct);
        var result = await intake.SubmitAsync(body, "http", ct);
        if (result.Outcome != IntakeOutcome.Rejected)
            return TypedResults.Accepted($"/api/tasks/{result.TaskId}",
                new { taskId = result.TaskId, duplicate = result.Outcome == IntakeOutcome.Duplicate });
        var extensions = new Dictionary<string, object?> { ["rejectionId"] = result.RejectionId };
        if (body.Length > options.Value.MaxBodyBytes)
        {
            extensions["errors"] = Fields(result.Errors);
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "消息过大，已留存开头部分待查 "
                       + "(the message is too large; its start was kept for review)",
                extensions: extensions);
        }
        return TypedResults.ValidationProblem(Fields(result.Errors),
            title: "预警指令不符合规则，已留存待查 "
                   + "(the warning instruction breaks one or more rules; it was kept for review)",
            extensions: extensions);
    }

    /// <summary>Newest first, a page at a time (<c>before</c> = the last page's oldest <c>receivedAt</c>), no
    /// bodies.</summary>
    static async Task<Ok<IReadOnlyList<RejectionSummary>>> ListRejections(DateTimeOffset? before, int? limit,
        ClaimsPrincipal user, IRejectionStore store, RejectionArea areas, CancellationToken ct)
    {
        var area = user.FindFirstValue(DispatchClaims.AreaId);
        return TypedResults.Ok(await store.ListAsync(before, Math.Clamp(limit ?? DefaultPage, 1, MaxPage),
            r => areas.IsVisibleTo(r, area), ct));
    }

    static async Task<Results<Ok<Rejection>, NotFound>> GetRejection(string rejectionId, ClaimsPrincipal user,
        IRejectionStore store, RejectionArea areas, CancellationToken ct)
    {
        if (await VisibleAsync(rejectionId, user, store, areas, ct) is not { } rejection)
            return TypedResults.NotFound();
        return TypedResults.Ok(user.FindFirstValue(DispatchClaims.PersonalData) == "true"
            ? rejection
            : rejection with { Body = RawBodyMask.Mask(rejection.Body) });
    }

    /// <summary>Replays the kept body, or the operator's corrected body when one is posted.</summary>
    static async Task<IResult> ReplayRejection(string rejectionId, HttpRequest request, ClaimsPrincipal user,
        IRejectionStore store, RejectionArea areas, InstructionIntake intake, IOptions<IngestOptions> options,
        CancellationToken ct)
    {
        if (await VisibleAsync(rejectionId, user, store, areas, ct) is not { } rejection)
            return TypedResults.NotFound();
        var corrected = await ReadBodyAsync(request, options.Value.MaxBodyBytes, ct);
        if (rejection.Channel == UpdateIntake.Channel)
            return await ReplayUpdate(rejection, corrected, request.HttpContext.RequestServices, ct);
        if (rejection.Channel == FraudReportIntake.Channel)
            return await FraudReportEndpoints.ReplayAsync(rejection, corrected, request.HttpContext.RequestServices,
                ct);
        var result = await intake.ReplayAsync(rejection, corrected is { Length: > 0 } ? corrected : null, ct);
        return result.Outcome == IntakeOutcome.Rejected
            ? TypedResults.ValidationProblem(Fields(result.Errors),
                title: "仍不符合规则，已另行留存 (still invalid; kept as a new rejection)",
                extensions: new Dictionary<string, object?> { ["rejectionId"] = result.RejectionId })
            : TypedResults.Ok(new { taskId = result.TaskId, duplicate = result.Outcome == IntakeOutcome.Duplicate });
    }

    /// <summary>A kept update goes back through the update intake, never the instructions'.</summary>
    static async Task<IResult> ReplayUpdate(Rejection rejection, byte[] corrected, IServiceProvider services,
        CancellationToken ct)
    {
        var result = await services.GetRequiredService<UpdateIntake>()
            .ReplayAsync(rejection, corrected is { Length: > 0 } ? corrected : null, ct);
        var repeat = result.Outcome == UpdateOutcome.AlreadyApplied;
        return result.Outcome == UpdateOutcome.Applied || repeat
            ? TypedResults.Ok(new { taskId = result.TaskId, duplicate = repeat })
            : TypedResults.ValidationProblem(Fields(result.Errors),
                title: "仍不能应用，已另行留存 (still not applicable; kept as a new rejection)");
    }

    /// <summary>Another area's rejection answers as if it did not exist: its id tells nothing.</summary>
    static async Task<Rejection?> VisibleAsync(string rejectionId, ClaimsPrincipal user, IRejectionStore store,
        RejectionArea areas, CancellationToken ct) =>
        await store.GetAsync(rejectionId, ct) is { } r &&
        areas.IsVisibleTo(r, user.FindFirstValue(DispatchClaims.AreaId))
            ? r
            : null;

    static Dictionary<string, string[]> Fields(IReadOnlyList<FieldError> errors) =>
        errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());

    /// <summary>The answer to an upstream request without a valid key, on every upstream endpoint.</summary>
    internal static IResult KeyRequired() => TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized,
        title: $"需要有效的 {ApiKeyHeader} 请求头 (a valid {ApiKeyHeader} header is required)");

    internal static bool HasValidKey(HttpRequest request, IngestOptions options)
    {
        var presented = Encoding.UTF8.GetBytes(request.Headers[ApiKeyHeader].ToString());
        return presented.Length > 0 &&
               options.ApiKeys.Any(k => CryptographicOperations.FixedTimeEquals(presented, Encoding.UTF8.GetBytes(k)));
    }

    /// <summary>Reads at most one byte past the cap: enough for intake to tell the body is too large and keep its
    /// start.</summary>
    internal static async Task<byte[]> ReadBodyAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while (buffer.Length <= maxBytes && (read = await request.Body.ReadAsync(chunk, ct)) > 0)
            buffer.Write(chunk, 0, read);
        return buffer.ToArray();
    }
}
