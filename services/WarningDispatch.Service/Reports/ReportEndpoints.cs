using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using WarningDispatch.Contracts;
using WarningDispatch.Domain.Routing;
using WarningDispatch.Domain.Tasks;
using WarningDispatch.Service.Identity;
using WarningDispatch.Service.Tasks;

namespace WarningDispatch.Service.Reports;

/// <summary><c>/api/reports</c> (INTERFACE.md §9): duty officers, for their own area and the areas below it.</summary>
public static class ReportEndpoints
{
    public static void MapReports(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/reports").WithTags("Reports").RequireAuthorization(Roles.DutyOfficer);
        reports.MapGet("/summary", Summary);
    }

    static async Task<Results<Ok<ReportSummary>, FileContentHttpResult, ProblemHttpResult>> Summary(
        [AsParameters] ReportQuery query, HttpRequest request, ClaimsPrincipal user, ReportReader reader,
        ReportSummaryCache today, ReportExport export, PostRegistry posts, IOptions<ReportingOptions> options,
        TimeProvider clock, CancellationToken ct)
    {
        var (range, field, why) = DayRange.Parse(query.From, query.To, options.Value.MaxDays);
        if (why is not null) return TaskProblems.Invalid(field!, why);
        range ??= Today(options.Value, clock);
        if (query.Format is not (null or "json" or "csv" or "xlsx")) return Invalid("format");
        if (query.Lang is not (null or ReportLabels.Chinese or ReportLabels.English)) return Invalid("lang");
        var callerArea = user.ToActor().AreaId;
        var areaId = query.AreaId ?? callerArea;
        if (posts.Find(areaId) is null) return Invalid("areaId");
        if (!posts.LiesIn(areaId, callerArea)) return TaskProblems.Forbidden(new Refusal(ProblemCode.OutsideArea));

        // Today (no dates) is what every board re-reads while tasks change; a chosen range is read as asked.
        var summary = query.From is null && query.To is null
            ? await today.SummaryAsync(range, areaId!, ct)
            : await reader.SummaryAsync(range, areaId!, ct);
        var lang = query.Lang ?? LanguageOf(request);
        var name = $"report-{areaId}-{range.From:yyyy-MM-dd}-{range.To:yyyy-MM-dd}";
        return query.Format switch
        {
            "csv" => TypedResults.File(export.Csv(summary, lang), "text/csv; charset=utf-8", name + ".csv"),
            "xlsx" => TypedResults.File(export.Xlsx(summary, lang),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx"),
            _ => TypedResults.Ok(summary),
        };
    }

    /// <summary>The reporting zone's today: what the board's counters show.</summary>
    public static DayRange Today(ReportingOptions options, TimeProvider clock)
    {
        var today = options.DayOf(clock.GetUtcNow());
        return new DayRange(today, today);
    }

    /// <summary>English when the browser puts English first; zh-CN otherwise.</summary>
    static string LanguageOf(HttpRequest request) =>
        request.GetTypedHeaders().AcceptLanguage.OrderByDescending(l => l.Quality ?? 1).FirstOrDefault()
            is { } first && first.Value.StartsWith("en", StringComparison.OrdinalIgnoreCase)
            ? ReportLabels.English
            : ReportLabels.Chinese;

    static ProblemHttpResult Invalid(string field) =>
        TaskProblems.Invalid(field, new Refusal(ProblemCode.InvalidValue, ("field", field)));
}
