using System.Text.Json.Serialization;
using WarningDispatch.Contracts;

namespace WarningDispatch.Domain.Tasks;

/// <summary>
/// "Defrauded after warning" (预后被骗, INTERFACE.md §8): the figure a centre is judged by. A task keeps the first
/// mark; every further report about it is recorded too, once each.
/// </summary>
public sealed partial class DispatchTask
{
    /// <summary>The first report (or follow-up) that said the person was defrauded after this warning.</summary>
    [JsonInclude] public DefraudedAfterWarning? DefraudedAfterWarning { get; private set; }

    /// <summary>The report ids applied (a follow-up's mark has none): a report redelivered changes nothing.</summary>
    [JsonInclude, JsonPropertyName("defraudedReports")] List<string> StoredDefraudedReports { get; set; } = [];

    [JsonIgnore] public IReadOnlyList<string> DefraudedReports => StoredDefraudedReports;

    /// <summary>
    /// Marks the task: history, and <c>DefraudedAfterWarning</c> feedback with the amount lost. Returns false when
    /// the same report was applied before (a report applies once; a follow-up's mark is applied by its own action).
    /// </summary>
    public bool MarkDefrauded(DefraudedAfterWarning mark, Actor actor, DateTimeOffset now)
    {
        if (mark.ReportId is { } reportId && StoredDefraudedReports.Contains(reportId)) return false;
        return Change(() => ApplyDefrauded(mark, actor, now));
    }

    /// <summary>The mark inside a change already under way (a follow-up that found the person defrauded).</summary>
    void ApplyDefrauded(DefraudedAfterWarning mark, Actor actor, DateTimeOffset now)
    {
        DefraudedAfterWarning ??= mark;
        if (mark.ReportId is { } id) StoredDefraudedReports.Add(id);
        var occurred = Time(mark.OccurredAt);
        var amount = Reasons.Number(mark.AmountLost);
        Record(now, actor, HistoryAction.DefraudedAfterWarning,
            $"defrauded after the warning: {amount} CNY lost at {occurred}" +
            (mark.ReportId is { } r ? $" (fraud report {r})" : " (found by the follow-up)"),
            parameters: mark.ReportId is { } p
                ? [("amountLost", amount), ("occurredAt", occurred), ("reportId", p)]
                : [("amountLost", amount), ("occurredAt", occurred)]);
        _pendingFeedback.Add(new InstructionStatusChanged
        {
            InstructionId = InstructionId, TaskId = TaskId, Status = FeedbackStatus.DefraudedAfterWarning,
            OccurredAt = now, PostId = PostId, OfficerId = OfficerId, AmountLost = mark.AmountLost,
            ReportId = mark.ReportId,
        });
    }
}
