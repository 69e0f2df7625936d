using Microsoft.Extensions.Options;
using WarningDispatch.Contracts;
using WarningDispatch.Domain.Reports;
using WarningDispatch.Domain.Routing;
using WarningDispatch.Service.Ingest;
using WarningDispatch.Service.Tasks;

namespace WarningDispatch.Service.Reports;

/// <summary>
/// Builds a summary from the day indexes the commits keep: one read of the facts of the days asked and one of their
/// rejection counters. The cost grows with the tasks received in those days, not with all tasks ever stored.
/// </summary>
public sealed class ReportReader(ITaskIndexReader indexes, IRejectionStore rejections, PostRegistry posts,
    IOptions<ReportingOptions> options)
{
    public async Task<ReportSummary> SummaryAsync(DayRange range, string areaId, CancellationToken ct)
    {
        var days = Enumerable.Range(0, range.Days).Select(range.From.AddDays).ToList();
        var values = await indexes.ValuesAsync(days.Select(ReportFactIndex.Name).ToList(), ct);
        var rejected = await rejections.CountRejectedAsync(days, RejectedCounts.FieldsFor(areaId, posts), ct);
        return ReportCalculator.Summarize(values.Select(v => ReportFactIndex.Read(v.Value)), range.From, range.To,
            areaId, posts, options.Value.TimeZone, rejected);
    }
}
