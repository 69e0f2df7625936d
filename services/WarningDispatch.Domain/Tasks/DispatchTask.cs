using System.Globalization;
using System.Text.Json.Serialization;
using WarningDispatch.Contracts;
using WarningDispatch.Domain.Cases;
using WarningDispatch.Domain.Escalation;
using WarningDispatch.Domain.Routing;

namespace WarningDispatch.Domain.Tasks;

/// <summary>
/// One warning instruction being worked: the escalation ladder as an explicit state machine.
/// <code>
/// Unrouted ──assign──▶ Assigned ──acknowledge──▶ PhoneWarning ──reached and dissuaded──▶ Resolved
///                       │  ▲  (ack missed: next officer, next post, county centre)   │
///                       │  └──────────────────────────┘      busy / no answer / call deadline
///                       └─acknowledge (high risk: visit at once)──▶ HomeVisit ◀──────┘
///                                                               50 % · 80 % · breach ──outcome──▶ Resolved
/// </code>
/// What a person may do is decided in one place (<see cref="WhyNot"/>, in DispatchTask.Rules.cs): it refuses
/// actions and lists <see cref="AllowedActions"/>. Every change goes through <see cref="Change"/>: it records at
/// least one <see cref="HistoryAction"/>, bumps <see cref="Version"/> by one, and may queue feedback for upstream
/// (<see cref="TakeFeedback"/>). Collections are read-only from outside; JSON (the store) reads the private lists.
/// </summary>
public sealed partial class DispatchTask : IJsonOnDeserialized
{
    /// <summary>The payload of an action id known only from a task stored before payloads were kept.</summary>
    const string UnknownPayload = "*";

    [JsonConstructor]
    DispatchTask() { }

    [JsonInclude] public string TaskId { get; private set; } = "";
    [JsonInclude] public DispatchWarning Instruction { get; private set; } = null!;
    [JsonInclude] public DateTimeOffset ReceivedAt { get; private set; }
    [JsonInclude] public EscalationPlan Plan { get; private set; } = null!;
    [JsonInclude] public DispatchStatus Status { get; private set; }
    [JsonInclude] public int Version { get; private set; }
    [JsonInclude] public string? PostId { get; private set; }
    [JsonInclude] public string? OfficerId { get; private set; }
    [JsonInclude] public DateTimeOffset? AckDeadline { get; private set; }
    [JsonInclude] public bool HomeVisitRequired { get; private set; }
    [JsonInclude] public CallResult? CallResult { get; private set; }
    [JsonInclude] public bool OnScene { get; private set; }
    [JsonInclude] public bool NeedsDutyOfficer { get; private set; }
    [JsonInclude] public TaskOutcome? Outcome { get; private set; }
    [JsonInclude] public decimal? Amount { get; private set; }

    [JsonIgnore] public IReadOnlyList<string> AreaIds => StoredAreaIds;
    [JsonIgnore] public IReadOnlyList<int> VisitWarnings => StoredVisitWarnings;
    [JsonIgnore] public IReadOnlyList<string> TriedOfficers => StoredTriedOfficers;
    [JsonIgnore] public IReadOnlyList<string> TriedPosts => StoredTriedPosts;
    /// <summary>
    /// Every action id ever applied to the task, with what it did (<c>kind|values|user</c>): a retry replays only
    /// the same action, for the task's whole life.
    /// </summary>
    [JsonIgnore] public IReadOnlyDictionary<string, string> AppliedActions => StoredAppliedActions;
    [JsonIgnore] public IReadOnlyList<TaskHistoryEntry> History => StoredHistory;
    /// <summary>Feedback produced by changes since the task was loaded; the store writes it to the outbox.</summary>
    [JsonIgnore] public IReadOnlyList<InstructionStatusChanged> PendingFeedback => _pendingFeedback;

    // The stored form (System.Text.Json in the store): the same property names as before the lists went private.
    [JsonInclude, JsonPropertyName("areaIds")] List<string> StoredAreaIds { get; set; } = [];
    [JsonInclude, JsonPropertyName("visitWarnings")] List<int> StoredVisitWarnings { get; set; } = [];
    [JsonInclude, JsonPropertyName("triedOfficers")] List<string> StoredTriedOfficers { get; set; } = [];
    [JsonInclude, JsonPropertyName("triedPosts")] List<string> StoredTriedPosts { get; set; } = [];
    [JsonInclude, JsonPropertyName("appliedActions")]
    Dictionary<string, string> StoredAppliedActions { get; set; } = [];
    [JsonInclude, JsonPropertyName("history")] List<TaskHistoryEntry> StoredHistory { get; set; } = [];

    /// <summary>The last 64 bare ids, as tasks stored before <see cref="AppliedActions"/> hold them.</summary>
    [JsonInclude, JsonPropertyName("appliedActionIds")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    List<string>? LegacyActionIds { get; set; }

    readonly List<InstructionStatusChanged> _pendingFeedback = [];

    [JsonIgnore] public string InstructionId => Instruction.InstructionId;
    [JsonIgnore] public bool IsActive => Status != DispatchStatus.Resolved;
    /// <summary>When the task was resolved (its first step in that status); null while it is active.</summary>
    [JsonIgnore] public DateTimeOffset? ResolvedAt =>
        IsActive ? null : StoredHistory.FirstOrDefault(h => h.Status == DispatchStatus.Resolved)?.At;

    /// <param name="link">The person's case, when the instruction names a person the store could look up.</param>
    public static DispatchTask Create(string taskId, DispatchWarning instruction, DateTimeOffset receivedAt,
        EscalationPlan plan, RoutingDecision route, CaseStart? link = null)
    {
        var task = new DispatchTask
        {
            TaskId = taskId,
            Instruction = instruction,
            ReceivedAt = receivedAt,
            Plan = plan,
            Status = DispatchStatus.Unrouted,
            HomeVisitRequired = plan.ParallelHomeVisit is not null,
        };
        task.Change(() =>
        {
            task.Record(receivedAt, Actor.System, HistoryAction.Received,
                $"{instruction.Source} {instruction.Kind} warning, risk {instruction.RiskLevel}",
                parameters: [("source", instruction.Source.ToString()), ("kind", instruction.Kind.ToString()),
                    ("riskLevel", instruction.RiskLevel.ToString())]);
            task.Feedback(FeedbackStatus.Accepted, receivedAt);
            if (plan.ParallelHomeVisit is { } why)
                task.Record(receivedAt, Actor.System, HistoryAction.PlanFrozen,
                    $"home visit required at once, in parallel with the call: {Reasons.English(why)}", [why]);
            task.ApplyRoute(route, receivedAt, plan.FirstAckDeadline, HistoryAction.Routed, Actor.System);
            if (link is not null) task.JoinAtCreation(link.Link, link.PersonIdKey, link.Policy, receivedAt);
        });
        return task;
    }

    /// <summary>What the current step must be done by, and what it is.</summary>
    [JsonIgnore] public (DateTimeOffset At, DeadlineKind Kind)? CurrentDeadline => Status switch
    {
        DispatchStatus.Assigned => (AckDeadline!.Value, DeadlineKind.Acknowledge),
        DispatchStatus.PhoneWarning => (Plan.CallDeadline, DeadlineKind.Call),
        DispatchStatus.HomeVisit when !OnScene => (Plan.VisitDeadline, DeadlineKind.HomeVisit),
        _ => null,
    };

    /// <summary>The earliest moment something on the ladder falls due, or null when nothing can.</summary>
    [JsonIgnore] public DateTimeOffset? NextWakeUp
    {
        get
        {
            DateTimeOffset? next = Status switch
            {
                DispatchStatus.Assigned => AckDeadline,
                DispatchStatus.PhoneWarning => Plan.CallDeadline,
                _ => null,
            };
            if (HomeVisitRequired && !OnScene && IsActive && NextVisitMilestone() is { } m)
            {
                var at = Plan.VisitMilestoneAt(m);
                if (next is null || at < next) next = at;
            }
            return next;
        }
    }

    /// <summary>Hands the feedback of the changes so far to the store's outbox, once.</summary>
    public IReadOnlyList<InstructionStatusChanged> TakeFeedback()
    {
        var taken = _pendingFeedback.ToList();
        _pendingFeedback.Clear();
        return taken;
    }

    public ActionResult Acknowledge(Actor actor, string actionId, DateTimeOffset now) =>
        Act(actor, actionId, TaskAction.Acknowledge, "acknowledge", () =>
        {
            Record(now, actor, HistoryAction.Acknowledged, $"acknowledged by officer {OfficerId}",
                parameters: [("officer", OfficerId!)]);
            if (!HomeVisitRequired)
                Status = DispatchStatus.PhoneWarning;
            else if (Plan.ParallelHomeVisit is { } why && CallResult is null)
                EnterHomeVisit(now, actor, [Reasons.Of(ReasonCode.ParallelWithCall), why]);
            else
                EnterHomeVisit(now, actor, [Reasons.Of(ReasonCode.VisitAlreadyRequired)]);
        });

    /// <param name="followUp">When a resolution's follow-up falls due: the configured <c>FollowUp:After</c>.</param>
    public ActionResult RecordCallResult(Actor actor, string actionId, CallResult result, DateTimeOffset now,
        FollowUpPolicy followUp) =>
        Act(actor, actionId, TaskAction.CallResult, $"call-result|{result}", () =>
        {
            CallResult = result;
            Record(now, actor, HistoryAction.CallRecorded, $"call result: {result}",
                parameters: [("result", result.ToString())]);
            if (Status == DispatchStatus.HomeVisit) return;
            if (result == Contracts.CallResult.ReachedAndDissuaded)
            {
                Resolve(now, actor, TaskOutcome.Dissuaded, null, byTaskId: null, followUp);
                if (CaseId is not null)
                    _pendingCaseEvents.Add(new CaseEvent(CaseEventKind.Resolved, CaseId, TaskId));
            }
            else
                EnterHomeVisit(now, actor, [Reasons.Of(ReasonCode.CallFailed, ("result", result.ToString()))]);
        });

    public ActionResult ArriveOnScene(Actor actor, string actionId, DateTimeOffset now) =>
        Act(actor, actionId, TaskAction.Arrive, "arrive", () =>
        {
            OnScene = true;
            var minutesLate = now > Plan.VisitDeadline ? (now - Plan.VisitDeadline).TotalMinutes : (double?)null;
            var late = minutesLate is { } m ? $", {m:0} min after the deadline" : ", within the deadline";
            Record(now, actor, HistoryAction.ArrivedOnScene, $"officer on scene{late}",
                parameters: minutesLate is { } l ? [("minutesLate", Reasons.Number(l, "0"))] : []);
        });

    /// <summary>How the task ended. Only money protected or lost has an amount; other outcomes refuse one.</summary>
    public ActionResult RecordOutcome(Actor actor, string actionId, TaskOutcome outcome, decimal? amount,
        DateTimeOffset now, FollowUpPolicy followUp)
    {
        var hasAmount = outcome is TaskOutcome.FundsProtected or TaskOutcome.AlreadyDefrauded;
        if (hasAmount && amount is null)
            return ActionResult.Invalid(new Refusal(ProblemCode.AmountRequired,
                ("field", "amount"), ("outcome", outcome.ToString())), "amount");
        if (!hasAmount && amount is not null)
            return ActionResult.Invalid(new Refusal(ProblemCode.AmountNotAllowed, ("field", "amount")), "amount");
        if (amount < 0)
            return ActionResult.Invalid(new Refusal(ProblemCode.AmountNegative, ("field", "amount")), "amount");
        var fingerprint = amount is { } a
            ? $"outcome|{outcome}|{a.ToString("0.############################", CultureInfo.InvariantCulture)}"
            : $"outcome|{outcome}";
        return Act(actor, actionId, TaskAction.Outcome, fingerprint, () =>
        {
            Resolve(now, actor, outcome, amount, byTaskId: null, followUp);
            if (CaseId is not null)
                _pendingCaseEvents.Add(new CaseEvent(CaseEventKind.Resolved, CaseId, TaskId));
        });
    }

    /// <summary>A duty officer sends the task to a home visit now, whatever the phone warning says.</summary>
    public ActionResult EscalateToHomeVisit(Actor actor, string actionId, DateTimeOffset now) =>
        Act(actor, actionId, TaskAction.Escalate, "escalate", () =>
        {
            if (Status == DispatchStatus.PhoneWarning)
            {
                EnterHomeVisit(now, actor, [Reasons.Of(ReasonCode.EscalatedByDutyOfficer, ("user", actor.UserId))]);
                return;
            }
            HomeVisitRequired = true;
            Record(now, actor, HistoryAction.HomeVisitRequired, $"duty officer {actor.UserId} requires a home visit",
                parameters: [("user", actor.UserId)]);
            Feedback(FeedbackStatus.Escalated, now, ["home visit required by duty officer"]);
        });

    /// <summary>
    /// A duty officer assigns an unrouted task, or reassigns an active one, to an officer of their own area (so a
    /// task never leaves the area of whoever moves it). The new officer must acknowledge.
    /// </summary>
    public ActionResult Assign(Actor actor, string actionId, RoutingDecision decision, DateTimeOffset now)
    {
        if (actor.Role == ActorRole.DutyOfficer && decision.IsRouted && !decision.AreaIds.Contains(actor.AreaId ?? ""))
            return ActionResult.Forbidden(new Refusal(ProblemCode.OutsideArea));
        return Act(actor, actionId, TaskAction.Assign, $"assign|{decision.OfficerId}", () =>
                ApplyRoute(decision, now, now + Plan.AckWindow,
                    Status == DispatchStatus.Unrouted ? HistoryAction.Assigned : HistoryAction.Reassigned, actor),
            refusal: () =>
                decision.OfficerId == OfficerId ? new Refusal(ProblemCode.AlreadyAssigned, ("officer", OfficerId!))
                : !decision.IsRouted ? new Refusal(ProblemCode.AssignmentNeedsOfficer) : null);
    }

    /// <summary>
    /// A wake-up from the timer queue. Stale when the timer was set for another version; otherwise everything that is
    /// due by <paramref name="now"/> happens in one change. <paramref name="nextRung"/> is asked only when an
    /// acknowledgement was missed.
    /// </summary>
    public DeadlineResult OnDeadline(int timerVersion, DateTimeOffset now, Func<DispatchTask, RoutingDecision> nextRung)
    {
        if (timerVersion != Version) return DeadlineResult.Stale;
        return Change(() => DeadlinesDue(now, nextRung)) ? DeadlineResult.Escalated : DeadlineResult.NothingDue;
    }

    void DeadlinesDue(DateTimeOffset now, Func<DispatchTask, RoutingDecision> nextRung)
    {
        if (Status == DispatchStatus.Assigned && AckDeadline <= now)
            MoveOn(now, HistoryAction.AckMissed, Reasons.Of(ReasonCode.AckMissed,
                ("officer", OfficerId!), ("deadline", Time(AckDeadline!.Value))), nextRung);
        if (Status == DispatchStatus.PhoneWarning && Plan.CallDeadline <= now)
            EnterHomeVisit(now, Actor.System,
                [Reasons.Of(ReasonCode.CallDeadlineMissed, ("deadline", Time(Plan.CallDeadline)))]);
        while (HomeVisitRequired && !OnScene && IsActive && NextVisitMilestone() is { } m
               && Plan.VisitMilestoneAt(m) <= now)
            ReachVisitMilestone(m, now);
    }

    void ReachVisitMilestone(int percent, DateTimeOffset now)
    {
        StoredVisitWarnings.Add(percent);
        var deadline = Time(Plan.VisitDeadline);
        if (percent < 100)
        {
            var hours = Reasons.Number(Plan.VisitWindow.TotalHours);
            Record(now, Actor.System, HistoryAction.VisitWarning,
                $"{percent} % of the {hours} h home-visit time ({Plan.AreaType}) has passed; " +
                $"deadline {Reasons.LocalTime(deadline, "HH:mm")}",
                parameters: [("percent", percent.ToString(CultureInfo.InvariantCulture)), ("hours", hours),
                    ("areaType", Plan.AreaType.ToString()), ("deadline", deadline)]);
            return;
        }
        NeedsDutyOfficer = true;
        Record(now, Actor.System, HistoryAction.VisitBreached,
            $"home-visit deadline {Reasons.LocalTime(deadline, "HH:mm")} breached; escalated to duty officers",
            parameters: [("deadline", deadline)]);
        Feedback(FeedbackStatus.Escalated, now, [Reasons.English(Reasons.Of(ReasonCode.VisitBreached))]);
    }

    /// <summary>The assigned officer went off duty: the task moves on as after a missed acknowledgement.</summary>
    public bool OfficerWentOffDuty(string officerId, DateTimeOffset now, Func<DispatchTask, RoutingDecision> nextRung)
    {
        if (!IsActive || OfficerId != officerId) return false;
        return Change(() => MoveOn(now, HistoryAction.OfficerOffDuty,
            Reasons.Of(ReasonCode.OfficerOffDuty, ("officer", officerId)), nextRung));
    }

    /// <summary>The ladder's next rung: another officer, post or centre; with none left, the duty officers.</summary>
    void MoveOn(DateTimeOffset now, HistoryAction action, StepReason why,
        Func<DispatchTask, RoutingDecision> nextRung)
    {
        var whyText = Reasons.English(why);
        Record(now, Actor.System, action, whyText, [why]);
        var decision = nextRung(this);
        if (decision.IsRouted)
        {
            Feedback(FeedbackStatus.Escalated, now, [whyText]);
            ApplyRoute(decision, now, now + Plan.AckWindow, HistoryAction.Reassigned, Actor.System);
            return;
        }
        Status = DispatchStatus.Unrouted;
        PostId = null; OfficerId = null; AckDeadline = null;
        if (decision.AreaIds.Count > 0) StoredAreaIds = decision.AreaIds.ToList();
        NeedsDutyOfficer = true;
        Record(now, Actor.System, HistoryAction.LadderExhausted, $"escalated to duty officers: {decision.Reason}",
            decision.Reasons);
        Feedback(FeedbackStatus.Escalated, now, [whyText, decision.Reason]);
    }

    /// <summary>The task as a console sees it, without actions (for a reader whose rights are not known).</summary>
    public TaskSnapshot ToSnapshot(bool maskPersonalData) => Snapshot([], maskPersonalData);

    /// <summary>The task as <paramref name="viewer"/> sees it, with the actions they may take now.</summary>
    public TaskSnapshot ToSnapshot(Actor viewer, bool maskPersonalData) =>
        Snapshot(AllowedActions(viewer), maskPersonalData);

    TaskSnapshot Snapshot(IReadOnlyList<TaskAction> allowed, bool maskPersonalData)
    {
        var deadline = CurrentDeadline;
        var snapshot = new TaskSnapshot
        {
            TaskId = TaskId,
            InstructionId = InstructionId,
            Status = Status,
            RiskLevel = RiskLevel,
            InstructionRiskLevel = Instruction.RiskLevel,
            Source = Instruction.Source,
            Kind = Instruction.Kind,
            FraudType = Instruction.FraudType,
            PostId = PostId,
            OfficerId = OfficerId,
            Deadline = deadline?.At,
            DeadlineKind = deadline?.Kind.ToString(),
            Version = Version,
            IssuedAt = Instruction.IssuedAt,
            ReceivedAt = ReceivedAt,
            HomeVisitDeadline = HomeVisitRequired ? Plan.VisitDeadline : null,
            VisitWarnings = VisitWarnings.ToList(),
            OnScene = OnScene,
            HomeVisitRequired = HomeVisitRequired,
            CallResult = CallResult,
            NeedsDutyOfficer = NeedsDutyOfficer,
            Outcome = Outcome,
            Amount = Amount,
            Subject = CurrentSubject,
            Context = CurrentContext,
            LastUpdateAt = LastUpdateAt,
            AreaIds = AreaIds.ToList(),
            History = History.ToList(),
            Attempts = Attempts.ToList(),
            AllowedActions = allowed,
            CaseId = CaseId,
            LinkedTaskIds = StoredCaseWarnings.Where(w => w.TaskId != TaskId).Select(w => w.TaskId).ToList(),
            CaseWarnings = StoredCaseWarnings.Count > 0 ? StoredCaseWarnings.ToList() : [OwnWarning],
            DefraudedAfterWarning = DefraudedAfterWarning,
            ResolvedAt = ResolvedAt,
            FollowUpDueAt = FollowUpDueAt,
            FollowUp = FollowUp,
        };
        return maskPersonalData ? PersonalData.Mask(snapshot) : snapshot;
    }

    /// <summary>
    /// An officer's action: checked (id, visibility, replay, <see cref="WhyNot"/>, then the action's own
    /// <paramref name="refusal"/> for its payload), applied as one change, and its id remembered.
    /// </summary>
    /// <param name="payload">What the action does (<c>kind|values</c>): an id is bound to it once applied.</param>
    ActionResult Act(Actor actor, string actionId, TaskAction action, string payload, Action apply,
        Func<Refusal?>? refusal = null)
    {
        if (ActionId.Check(actionId) is { } bad) return ActionResult.Invalid(bad, "actionId");
        // Visibility first: a replayed id must not show a task to someone who may no longer see it.
        if (!IsVisibleTo(actor)) return ActionResult.Forbidden(new Refusal(ProblemCode.NotYourTask));
        var fingerprint = $"{payload}|{actor.UserId}";
        if (StoredAppliedActions.TryGetValue(actionId, out var applied))
            return applied == fingerprint || applied == UnknownPayload
                ? ActionResult.AlreadyApplied
                : ActionResult.ActionIdReused(new Refusal(ProblemCode.ActionIdReused,
                    ("actionId", actionId), ("applied", applied), ("requested", fingerprint)));
        if ((WhyNot(action, actor) ?? refusal?.Invoke()) is { } why) return ActionResult.NotAllowed(why);
        Change(() =>
        {
            apply();
            StoredAppliedActions.Add(actionId, fingerprint);
        });
        return ActionResult.Applied;
    }

    /// <summary>
    /// The one path for every change: a change records at least one step in the history, and a change is one
    /// version. Returns whether anything changed.
    /// </summary>
    bool Change(Action change)
    {
        var steps = StoredHistory.Count;
        change();
        if (StoredHistory.Count == steps) return false;
        Version++;
        return true;
    }

    /// <summary>A task stored before payloads were kept: its ids stay applied, whatever a retry carries.</summary>
    void IJsonOnDeserialized.OnDeserialized()
    {
        foreach (var id in LegacyActionIds ?? []) StoredAppliedActions.TryAdd(id, UnknownPayload);
        LegacyActionIds = null;
    }

    void ApplyRoute(RoutingDecision route, DateTimeOffset now, DateTimeOffset ackDeadline, HistoryAction action,
        Actor actor)
    {
        StoredAreaIds = route.AreaIds.ToList();
        if (!route.IsRouted)
        {
            Status = DispatchStatus.Unrouted;
            PostId = null; OfficerId = null; AckDeadline = null;
            NeedsDutyOfficer = true;
            Record(now, actor, HistoryAction.Unrouted, route.Reason, route.Reasons);
            Feedback(FeedbackStatus.Escalated, now, [route.Reason]);
            return;
        }
        Status = DispatchStatus.Assigned;
        PostId = route.PostId; OfficerId = route.OfficerId; AckDeadline = ackDeadline;
        NeedsDutyOfficer = false;
        if (!StoredTriedPosts.Contains(route.PostId!)) StoredTriedPosts.Add(route.PostId!);
        if (!StoredTriedOfficers.Contains(route.OfficerId!)) StoredTriedOfficers.Add(route.OfficerId!);
        Record(now, actor, action, route.Reason, route.Reasons,
            [("officer", route.OfficerId!), ("post", route.PostId!), ("deadline", Time(ackDeadline))]);
        Feedback(FeedbackStatus.Assigned, now, [route.Reason]);
    }

    void EnterHomeVisit(DateTimeOffset now, Actor actor, IReadOnlyList<StepReason> why)
    {
        HomeVisitRequired = true;
        Status = DispatchStatus.HomeVisit;
        var whyText = Reasons.English(why);
        var deadline = Time(Plan.VisitDeadline);
        var hours = Reasons.Number(Plan.VisitWindow.TotalHours);
        Record(now, actor, HistoryAction.HomeVisit,
            $"{whyText}; visit by {Reasons.LocalTime(deadline, "yyyy-MM-dd HH:mm")} ({hours} h, {Plan.AreaType})",
            why, [("deadline", deadline), ("hours", hours), ("areaType", Plan.AreaType.ToString())]);
        Feedback(FeedbackStatus.Escalated, now, [whyText]);
    }

    void Resolve(DateTimeOffset now, Actor actor, TaskOutcome outcome, decimal? amount, string? byTaskId,
        FollowUpPolicy followUp)
    {
        Status = DispatchStatus.Resolved;
        Outcome = outcome; Amount = amount; NeedsDutyOfficer = false;
        ScheduleFollowUp(outcome, now, followUp);
        if (byTaskId is not null)
            Record(now, actor, HistoryAction.ResolvedWithCase, $"{outcome}, recorded on task {byTaskId} of the case",
                parameters: [("outcome", outcome.ToString()), ("taskId", byTaskId)]);
        else
            Record(now, actor, HistoryAction.Resolved,
                amount is { } a ? $"{outcome}, {a:0.##} CNY" : outcome.ToString(),
                parameters: amount is { } m
                    ? [("outcome", outcome.ToString()), ("amount", Reasons.Number(m))]
                    : [("outcome", outcome.ToString())]);
        _pendingFeedback.Add(new InstructionStatusChanged
        {
            InstructionId = InstructionId, TaskId = TaskId, Status = FeedbackStatus.Resolved, OccurredAt = now,
            PostId = PostId, OfficerId = OfficerId, Outcome = outcome,
            AmountProtected = outcome == TaskOutcome.FundsProtected ? amount : null,
            AmountLost = outcome == TaskOutcome.AlreadyDefrauded ? amount : null,
        });
    }

    int? NextVisitMilestone()
    {
        foreach (var m in EscalationPlan.VisitMilestones)
            if (!StoredVisitWarnings.Contains(m)) return m;
        return null;
    }

    /// <summary>A time as a parameter: in the instruction's own offset (the officers' local time).</summary>
    string Time(DateTimeOffset at) => Reasons.Time(at, Instruction.IssuedAt.Offset);

    void Record(DateTimeOffset at, Actor actor, HistoryAction action, string detail,
        IReadOnlyList<StepReason>? reasons = null, IReadOnlyList<(string Key, string Value)>? parameters = null) =>
        StoredHistory.Add(new TaskHistoryEntry
        {
            At = at, Actor = actor.UserId, Code = action, Detail = detail, Status = Status, PostId = PostId,
            OfficerId = OfficerId, Reasons = reasons ?? [],
            Parameters = (parameters ?? []).ToDictionary(p => p.Key, p => p.Value),
        });

    void Feedback(FeedbackStatus status, DateTimeOffset at, IReadOnlyList<string>? reasons = null) =>
        _pendingFeedback.Add(new InstructionStatusChanged
        {
            InstructionId = InstructionId, TaskId = TaskId, Status = status, OccurredAt = at, Reasons = reasons,
            PostId = PostId, OfficerId = OfficerId,
        });
}
