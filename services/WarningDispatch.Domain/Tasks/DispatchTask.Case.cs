using System.Globalization;
using System.Text.Json.Serialization;
using WarningDispatch.Contracts;
using WarningDispatch.Domain.Cases;

namespace WarningDispatch.Domain.Tasks;

/// <summary>
/// The task as one of the warnings about a person (a case): what it knows of the others, the case's highest risk,
/// the home visit that several warnings require, and the outcome that ends them all.
/// </summary>
public sealed partial class DispatchTask
{
    [JsonInclude] public string? CaseId { get; private set; }
    /// <summary>The keyed hash of the person's id number, if the instruction had one (never the number).</summary>
    [JsonInclude] public string? PersonIdKey { get; private set; }
    /// <summary>Every warning about the person known to this task, itself included, oldest first.</summary>
    [JsonIgnore] public IReadOnlyList<CaseWarning> CaseWarnings => StoredCaseWarnings;
    [JsonIgnore] public IReadOnlyList<CaseEvent> PendingCaseEvents => _pendingCaseEvents;

    [JsonInclude, JsonPropertyName("caseWarnings")] List<CaseWarning> StoredCaseWarnings { get; set; } = [];
    readonly List<CaseEvent> _pendingCaseEvents = [];

    /// <summary>The case's highest risk: what every active task of the case shows.</summary>
    [JsonIgnore] public RiskLevel RiskLevel => CaseRules.HighestRisk(StoredCaseWarnings, Instruction.RiskLevel);

    /// <summary>Hands the case events of the changes so far to the store's outbox, once.</summary>
    public IReadOnlyList<CaseEvent> TakeCaseEvents()
    {
        var taken = _pendingCaseEvents.ToList();
        _pendingCaseEvents.Clear();
        return taken;
    }

    /// <summary>This task as its case's record keeps it.</summary>
    public CaseMember ToCaseMember() => new()
    {
        Warning = OwnWarning, IdKey = PersonIdKey, Active = IsActive, PostId = PostId, OfficerId = OfficerId,
        ResolvedAt = ResolvedAt,
    };

    CaseWarning OwnWarning => new()
    {
        TaskId = TaskId, InstructionId = InstructionId, Source = Instruction.Source,
        RiskLevel = Instruction.RiskLevel, IssuedAt = Instruction.IssuedAt, ReceivedAt = ReceivedAt,
    };

    /// <summary>At creation: the task joins (or starts) its person's case.</summary>
    void JoinAtCreation(CaseLink link, string? personIdKey, CasePolicy policy, DateTimeOffset now)
    {
        CaseId = link.CaseId;
        PersonIdKey = personIdKey;
        StoredCaseWarnings = CaseRules.InOrder(link.Earlier.Select(m => m.Warning).Append(OwnWarning)).ToList();
        if (!link.JoinsExisting) return;
        var sources = string.Join(",", StoredCaseWarnings.Select(w => w.Source).Distinct().Order());
        Record(now, Actor.System, HistoryAction.LinkedToCase,
            $"warning {StoredCaseWarnings.Count} about this person (sources: {sources})",
            parameters: [("caseId", link.CaseId), ("warnings", Count(StoredCaseWarnings.Count)), ("sources", sources)]);
        _pendingCaseEvents.Add(new CaseEvent(CaseEventKind.Linked, link.CaseId, TaskId));
        if (CaseRules.VisitReason(StoredCaseWarnings, now, policy) is { } why && !HomeVisitRequired)
            RequireVisitForCase(why, now);
    }

    /// <summary>
    /// Another warning about the person joined the case: this task shows it and the case's risk, and requires a home
    /// visit when the warnings together say so. Nothing changes when every warning is already known.
    /// </summary>
    public bool CaseGrew(IReadOnlyList<CaseWarning> warnings, DateTimeOffset now, CasePolicy policy) =>
        IsActive && Change(() =>
        {
            var known = StoredCaseWarnings.Select(w => w.TaskId).ToHashSet();
            var added = warnings.Where(w => !known.Contains(w.TaskId)).ToList();
            if (added.Count == 0) return;
            StoredCaseWarnings = CaseRules.InOrder(StoredCaseWarnings.Concat(added)).ToList();
            foreach (var w in added)
                Record(now, Actor.System, HistoryAction.CaseWarningAdded,
                    $"another warning about this person: {w.Source}, risk {w.RiskLevel}",
                    parameters: [("source", w.Source.ToString()), ("riskLevel", w.RiskLevel.ToString()),
                        ("instructionId", w.InstructionId), ("issuedAt", Time(w.IssuedAt)),
                        ("warnings", Count(StoredCaseWarnings.Count))]);
            if (CaseRules.VisitReason(StoredCaseWarnings, now, policy) is { } why && !HomeVisitRequired)
                RequireVisitForCase(why, now);
        });

    /// <summary>The outcome recorded on another task of the case ends this one the same way, with its own feedback.
    /// The amount stays on the task it was recorded on, so reports count it once.</summary>
    public bool ResolvedWithCase(TaskOutcome outcome, string byTaskId, DateTimeOffset now,
        FollowUpPolicy followUp) =>
        IsActive && Change(() => Resolve(now, Actor.System, outcome, null, byTaskId, followUp));

    void RequireVisitForCase(StepReason why, DateTimeOffset now)
    {
        if (Status == DispatchStatus.PhoneWarning)
        {
            EnterHomeVisit(now, Actor.System, [why]);
            return;
        }
        HomeVisitRequired = true;
        Record(now, Actor.System, HistoryAction.HomeVisitRequired,
            $"home visit required: {Reasons.English(why)}", [why]);
        Feedback(FeedbackStatus.Escalated, now, [Reasons.English(why)]);
    }

    static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
}
