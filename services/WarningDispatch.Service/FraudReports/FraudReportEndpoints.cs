using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using WarningDispatch.Contracts;
using WarningDispatch.Domain.Ingest;
using WarningDispatch.Domain.Routing;
using WarningDispatch.Domain.Tasks;
using WarningDispatch.Service.Identity;
using WarningDispatch.Service.Ingest;
using WarningDispatch.Service.Tasks;

namespace WarningDispatch.Service.FraudReports;

/// <summary>
/// <c>POST /api/fraud-reports</c> (the API key of <c>POST /api/warnings</c>) and <c>GET /api/fraud-reports</c> for
/// the duty officers of the whole region: a report names no area, as a rejection that names none.
/// </summary>
public static class FraudReportEndpoints
{
    const int DefaultPageSize = 25, MaxPageSize = 100, MaxPage = 10_000;

    public static void MapFraudReports(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/fraud-reports", PostReport).WithTags("Fraud reports").AllowAnonymous();
        app.MapGet("/api/fraud-reports", ListReports).WithTags("Fraud reports")
            .RequireAuthorization(Roles.DutyOfficer);
    }

    /// <summary>
    /// 202 <c>{ reportId }</c> when new, 200 with the same body for a report id kept before (nothing done twice),
    /// 400 naming every broken rule and 413 over the size cap, both kept as a rejection.
    /// </summary>
    static async Task<IResult> PostReport(HttpRequest request, FraudReportIntake intake,
        IOptions<IngestOptions> options, CancellationToken ct)
    {
        if (!IngestEndpoints.HasValidKey(request, options.Value)) return IngestEndpoints.KeyRequired();
        var body = await IngestEndpoints.ReadBodyAsync(request, options.Value.MaxBodyBytes, ct);
        return Answer(await intake.SubmitAsync(body, "http", ct), body.Length > options.Value.MaxBodyBytes);
    }

    static IResult Answer(FraudReportResult result, bool tooLarge)
    {
        if (result.Outcome == FraudReportOutcome.Recorded)
            return TypedResults.Accepted((string?)null, new { reportId = result.ReportId });
        if (result.Outcome == FraudReportOutcome.Duplicate)
            return TypedResults.Ok(new { reportId = result.ReportId });
        var extensions = new Dictionary<string, object?> { ["rejectionId"] = result.RejectionId };
        if (tooLarge)
        {
            extensions["errors"] = Fields(result.Errors);
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "消息过大，已留存开头部分待查 (the message is too large; its start was kept for review)",
                extensions: extensions);
        }
        return TypedResults.ValidationProblem(Fields(result.Errors),
            title: "被骗报告不符合规则，已留存待查 (the fraud report breaks one or more rules; it was kept for review)",
            extensions: extensions);
    }

    /// <summary>A kept report goes back through the report intake (<c>POST /api/rejections/{id}/replay</c>).</summary>
    internal static async Task<IResult> ReplayAsync(Rejection rejection, byte[] corrected, IServiceProvider services,
        CancellationToken ct)
    {
        var result = await services.GetRequiredService<FraudReportIntake>()
            .ReplayAsync(rejection, corrected is { Length: > 0 } ? corrected : null, ct);
        return result.Outcome == FraudReportOutcome.Rejected
            ? TypedResults.ValidationProblem(Fields(result.Errors),
                title: "仍不符合规则，已另行留存 (still invalid; kept as a new rejection)",
                extensions: new Dictionary<string, object?> { ["rejectionId"] = result.RejectionId })
            : TypedResults.Ok(new { reportId = result.ReportId, duplicate = result.Outcome ==
                FraudReportOutcome.Duplicate });
    }

    /// <summary>
    /// <c>?matched=false</c> (the default): "defrauded without a warning"; <c>true</c>: the reports that marked
    /// warnings. Newest first, page from 1, page size 1–100 (25); the person masked unless the viewer may see it.
    /// </summary>
    static async Task<Results<Ok<FraudReportPage>, ProblemHttpResult>> ListReports(string? matched, string? page,
        string? pageSize, ClaimsPrincipal user, PostRegistry posts, IFraudReportStore reports, CancellationToken ct)
    {
        if (!posts.IsTopLevel(user.FindFirstValue(DispatchClaims.AreaId)))
            return TaskProblems.Forbidden(new Refusal(ProblemCode.RegionDutyOnly));
        if (TaskEndpoints.WholeNumber(page, "page", 1, MaxPage, 1, out var number) is { } badPage) return badPage;
        if (TaskEndpoints.WholeNumber(pageSize, "pageSize", 1, MaxPageSize, DefaultPageSize, out var size) is { } bad)
            return bad;
        if (matched is not (null or "true" or "false"))
            return TaskProblems.Invalid("matched", new Refusal(ProblemCode.InvalidValue, ("field", "matched")));
        var (items, total) = await reports.ListAsync(matched == "true", (number - 1) * size, size, ct);
        var unmasked = user.SeesPersonalData();
        return TypedResults.Ok(new FraudReportPage
        {
            Items = unmasked ? items : items.Select(Masked).ToList(), Page = number, PageSize = size, Total = total,
        });
    }

    static StoredFraudReport Masked(StoredFraudReport stored) => stored with
    {
        Report = stored.Report with
        {
            Subject = new FraudReportSubject
            {
                Phone = stored.Report.Subject.Phone is { } phone ? PersonalData.MaskPhone(phone) : null,
                IdNumber = stored.Report.Subject.IdNumber is null ? null : PersonalData.HiddenIdNumber,
                Name = stored.Report.Subject.Name is { Length: > 0 } n
                    ? n[..1] + new string('*', Math.Max(1, n.Length - 1))
                    : null,
            },
        },
    };

    static Dictionary<string, string[]> Fields(IReadOnlyList<FieldError> errors) =>
        errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
}
