using Microsoft.Extensions.Options;
using WarningDispatch.Contracts;
using WarningDispatch.Domain.Cases;
using WarningDispatch.Domain.Tasks;
using WarningDispatch.Service.Cases;
using WarningDispatch.Service.FollowUps;
using WarningDispatch.Service.Hosting;
using WarningDispatch.Service.Tasks;

namespace WarningDispatch.Service.FraudReports;

/// <summary>
/// Applies a recorded fraud report, from the outbox entry written with it (at least once, so every step is
/// idempotent): the warnings about the same person issued within <c>FollowUp:DefraudedWindow</c> before the fraud
/// (<see cref="DefraudedMatch"/>), read from the person index under the report's phone and id keys, are each marked
/// "defrauded after warning" — a task marks a report once — and the report records which tasks it matched. One that
/// matched none is listed as "defrauded without a warning".
/// </summary>
public sealed class FraudReportFollowUps(
    IFraudReportStore reports,
    ITaskIndexReader indexes,
    ITaskStore tasks,
    TaskWorkflow workflow,
    PersonKeyring keyring,
    IOptions<FollowUpOptions> options,
    TimeProvider clock,
    ILogger<FraudReportFollowUps> log)
{
    /// <summary>One person's warnings in one window are a handful; this bounds what a report reads.</summary>
    const int MaxPersonTasks = 1_000;

    public async Task ApplyAsync(string reportId, CancellationToken ct)
    {
        if (await reports.GetAsync(reportId, ct) is not { } stored) return;
        var report = stored.Report;
        var keys = keyring.Of(report.Subject);
        var window = options.Value.DefraudedWindow;
        double from = (report.OccurredAt - window).ToUnixTimeMilliseconds(),
            to = report.OccurredAt.ToUnixTimeMilliseconds();
        var ids = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var key in keys.All)
            foreach (var member in await indexes.RangeAsync(PersonTaskIndex.Name(key), from, to, highestFirst: false,
                         0, MaxPersonTasks, ct))
                ids.Add(member.Member);
        var candidates = await tasks.GetManyAsync(ids.ToList(), ct);
        var matched = candidates.Where(t => DefraudedMatch.Matches(keys, keyring.Of(t.Instruction.Subject),
            t.Instruction.IssuedAt, report.OccurredAt, window)).Select(t => t.TaskId).ToList();

        var mark = new DefraudedAfterWarning
        {
            ReportId = report.ReportId, OccurredAt = report.OccurredAt, AmountLost = report.AmountLost,
        };
        foreach (var taskId in matched)
            await workflow.ChangeAsync(taskId, t =>
                t.MarkDefrauded(mark, Actor.System, clock.GetUtcNow()) ? ActionResult.Applied : Nothing, ct);
        await reports.AppliedAsync(stored with { AppliedAt = clock.GetUtcNow(), MatchedTaskIds = matched }, ct);
        log.LogInformation("Fraud report {ReportId} matched {Count} warnings: {TaskIds}",
            LogText.Safe(report.ReportId), matched.Count, string.Join(", ", matched));
    }

    static readonly ActionResult Nothing = ActionResult.NotAllowed("this report marked the task before");
}
