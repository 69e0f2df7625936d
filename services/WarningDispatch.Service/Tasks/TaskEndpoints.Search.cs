using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using WarningDispatch.Contracts;
using WarningDispatch.Domain.Ingest;
using WarningDispatch.Domain.Tasks;
using WarningDispatch.Service.Cases;
using WarningDispatch.Service.Identity;
using WarningDispatch.Service.Reports;

namespace WarningDispatch.Service.Tasks;

/// <summary>Closed tasks are findable: a duty officer searches their area's tasks, of any age, a page at a time.
/// </summary>
public static partial class TaskEndpoints
{
    const int DefaultPageSize = 25, MaxPageSize = 100, MaxPage = 10_000;
    /// <summary>A person's tasks are few; this bounds what one search by phone reads.</summary>
    const int MaxPersonTasks = 1_000;

    /// <summary>
    /// Newest first. A day range alone reads the area's received index a page at a time; an instruction id, a case
    /// or a phone (for a duty officer who may see personal data) names a handful of tasks, narrowed by the range.
    /// </summary>
    static async Task<Results<Ok<TaskPage>, ProblemHttpResult>> Search(
        [AsParameters] TaskSearchQuery query, ClaimsPrincipal user, ITaskStore store, ICaseStore cases,
        ITaskIndexReader indexes, PersonKeyring keyring, IOptions<ReportingOptions> reporting, CancellationToken ct)
    {
        if (WholeNumber(query.Page, "page", 1, MaxPage, 1, out var page) is { } badPage) return badPage;
        if (WholeNumber(query.PageSize, "pageSize", 1, MaxPageSize, DefaultPageSize, out var size) is { } badSize)
            return badSize;
        var (days, field, why) = DayRange.Parse(query.From, query.To, reporting.Value.MaxDays);
        if (why is not null) return TaskProblems.Invalid(field!, why);
        var named = new[] { query.InstructionId, query.CaseId, query.Phone }.Count(v => v is not null);
        if (named > 1 || named == 0 && days is null)
            return TaskProblems.Invalid("query", new Refusal(ProblemCode.SearchCriteria,
                ("fields", "instructionId, caseId, phone, from/to")));
        var actor = user.ToActor();
        var span = days is null ? ((DateTimeOffset, DateTimeOffset)?)null : reporting.Value.Span(days);

        IReadOnlyList<DispatchTask> found;
        if (query.Phone is { } phone)
        {
            if (!user.SeesPersonalData())
                return TaskProblems.Forbidden(new Refusal(ProblemCode.PersonalDataRequired));
            var number = PhoneAsTyped(phone);
            if (!InstructionParser.IsE164(number))
                return TaskProblems.Invalid("phone", new Refusal(ProblemCode.InvalidValue, ("field", "phone")));
            var ids = await indexes.RangeAsync(PersonTaskIndex.Name(keyring.OfPhone(number)),
                double.NegativeInfinity, double.PositiveInfinity, highestFirst: true, 0, MaxPersonTasks, ct);
            found = await store.GetManyAsync(ids.Select(m => m.Member).ToList(), ct);
        }
        else if (query.InstructionId is { } instructionId)
            found = await store.FindByInstructionAsync(InstructionParser.Normalize(instructionId), ct) is { } id
                    && await store.GetAsync(id, ct) is { } task ? [task] : [];
        else if (query.CaseId is { } caseId)
            found = await CaseTasksAsync(caseId, activeOnly: false, store, cases, ct);
        else
            return TypedResults.Ok(await ReceivedPageAsync(actor, span!.Value, page, size, user, store, indexes, ct));

        var matching = found.Where(t => t.IsVisibleTo(actor))
            .Where(t => span is not { } s || t.ReceivedAt >= s.Item1 && t.ReceivedAt < s.Item2)
            .OrderByDescending(t => t.ReceivedAt).ThenByDescending(t => t.TaskId, StringComparer.Ordinal).ToList();
        return TypedResults.Ok(new TaskPage
        {
            Items = matching.Skip((page - 1) * size).Take(size).Select(t => View(t, user)).ToList(),
            Page = page, PageSize = size, Total = matching.Count,
        });
    }

    /// <summary>The area's tasks received in the span, one page, from the index (never a scan of all tasks).</summary>
    static async Task<TaskPage> ReceivedPageAsync(Actor actor, (DateTimeOffset Start, DateTimeOffset End) span,
        int page, int size, ClaimsPrincipal user, ITaskStore store, ITaskIndexReader indexes, CancellationToken ct)
    {
        var index = ReceivedTaskIndex.Name(actor.AreaId!);
        double min = span.Start.ToUnixTimeMilliseconds(), max = span.End.ToUnixTimeMilliseconds() - 1;
        var total = await indexes.CountAsync(index, min, max, ct);
        var ids = await indexes.RangeAsync(index, min, max, highestFirst: true, (page - 1) * size, size, ct);
        var tasks = await store.GetManyAsync(ids.Select(m => m.Member).ToList(), ct);
        return new TaskPage
        {
            Items = tasks.Where(t => t.IsVisibleTo(actor)).Select(t => View(t, user)).ToList(),
            Page = page, PageSize = size, Total = total,
        };
    }

    /// <summary>A number as people type it ("+86 138-0000 0000"): spaces, dashes and brackets are not digits.</summary>
    static string PhoneAsTyped(string phone) =>
        string.Concat(phone.Where(c => c is not (' ' or '-' or '(' or ')')));

    internal static ProblemHttpResult? WholeNumber(string? value, string field, int min, int max, int fallback,
        out int number)
    {
        number = fallback;
        if (value is null) return null;
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out number)
            && number >= min && number <= max) return null;
        return TaskProblems.Invalid(field, new Refusal(ProblemCode.NumberRange, ("field", field),
            ("min", min.ToString(CultureInfo.InvariantCulture)), ("max", max.ToString(CultureInfo.InvariantCulture))));
    }
}
