using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using WarningDispatch.Service.Identity;

namespace WarningDispatch.Service.Ingest;

public sealed class IngestOptions
{
    public const string Section = "Ingest";
    /// <summary>Keys accepted in the <c>X-Api-Key</c> header of <c>POST /api/warnings</c>.</summary>
    public List<string> ApiKeys { get; set; } = [];
    public int MaxBodyBytes { get; set; } = 64 * 1024;
}

public static class IngestEndpoints
{
    public const string ApiKeyHeader = "X-Api-Key";

    public static void MapIngest(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/warnings", async (HttpRequest request, InstructionIntake intake, IOptions<IngestOptions> options, CancellationToken ct) =>
        {
            if (!HasValidKey(request, options.Value))
                return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: $"A valid {ApiKeyHeader} header is required.");
            var body = await ReadBodyAsync(request, options.Value.MaxBodyBytes, ct);
            if (body is null)
                return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: $"The body exceeds {options.Value.MaxBodyBytes} bytes.");

            var result = await intake.SubmitAsync(body, "http", ct);
            return result.Outcome switch
            {
                IntakeOutcome.Rejected => Results.ValidationProblem(
                    result.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
                    title: "The warning instruction breaks one or more rules; it was kept for review.",
                    extensions: new Dictionary<string, object?> { ["rejectionId"] = result.RejectionId }),
                _ => Results.Accepted($"/api/tasks/{result.TaskId}", new { taskId = result.TaskId, duplicate = result.Outcome == IntakeOutcome.Duplicate }),
            };
        }).WithTags("Ingest").AllowAnonymous();

        var rejections = app.MapGroup("/api/rejections").WithTags("Ingest").RequireAuthorization(Roles.DutyOfficer);
        rejections.MapGet("/", async (IRejectionStore store, CancellationToken ct) => Results.Ok(await store.ListAsync(ct)));
        rejections.MapGet("/{rejectionId}", async (string rejectionId, IRejectionStore store, CancellationToken ct) =>
            await store.GetAsync(rejectionId, ct) is { } r ? Results.Ok(r) : Results.NotFound());

        // Replays the kept body, or the operator's corrected body when one is posted.
        rejections.MapPost("/{rejectionId}/replay", async (string rejectionId, HttpRequest request, InstructionIntake intake, IOptions<IngestOptions> options, CancellationToken ct) =>
        {
            var corrected = await ReadBodyAsync(request, options.Value.MaxBodyBytes, ct);
            var result = await intake.ReplayAsync(rejectionId, corrected is { Length: > 0 } ? corrected : null, ct);
            if (result is null) return Results.NotFound();
            return result.Outcome == IntakeOutcome.Rejected
                ? Results.ValidationProblem(result.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
                    title: "Still invalid; kept as a new rejection.", extensions: new Dictionary<string, object?> { ["rejectionId"] = result.RejectionId })
                : Results.Ok(new { taskId = result.TaskId, duplicate = result.Outcome == IntakeOutcome.Duplicate });
        });
    }

    static bool HasValidKey(HttpRequest request, IngestOptions options)
    {
        var presented = Encoding.UTF8.GetBytes(request.Headers[ApiKeyHeader].ToString());
        return presented.Length > 0 && options.ApiKeys.Any(k => CryptographicOperations.FixedTimeEquals(presented, Encoding.UTF8.GetBytes(k)));
    }

    static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
