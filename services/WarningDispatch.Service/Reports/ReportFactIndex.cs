using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using WarningDispatch.Domain.Ingest;
using WarningDispatch.Domain.Reports;
using WarningDispatch.Domain.Tasks;
using WarningDispatch.Service.Tasks;

namespace WarningDispatch.Service.Reports;

/// <summary>
/// The report facts of each local day (<c>report:YYYY-MM-DD</c>, task id → <see cref="ReportFact"/> JSON), rewritten
/// at every commit of a task: a fact changes as its task moves on, its day (of <c>receivedAt</c>) never does. A report
/// reads the days it covers and nothing else.
/// </summary>
public sealed class ReportFactIndex(IOptions<ReportingOptions> options) : ITaskIndex
{
    public static string Name(DateOnly day) => "report:" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public IEnumerable<IndexEntry> EntriesFor(DispatchTask task, TaskIndexChange change)
    {
        var fact = ReportFact.Of(task, options.Value.Zone());
        yield return IndexEntry.Hash(Name(fact.Day), task.TaskId, JsonSerializer.Serialize(fact, WireFormat.Stored));
    }

    public static ReportFact Read(string json) => JsonSerializer.Deserialize<ReportFact>(json, WireFormat.Stored)!;
}
