using System.Globalization;
using System.Text.Json.Serialization;
using WarningDispatch.Contracts;
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
/// Every change bumps <see cref="Version"/> by one and may queue feedback for upstream in <see cref="PendingFeedback"/>.
/// </summary>
public sealed class DispatchTask : IJsonOnDeserialized
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
    [JsonInclude] public List<string> AreaIds { get; private set; } = [];
    [JsonInclude] public DateTimeOffset? AckDeadline { get; private set; }
    [JsonInclude] public bool HomeVisitRequired { get; private set; }
    [JsonInclude] public CallResult? CallResult { get; private set; }
    [JsonInclude] public bool OnScene { get; private set; }
    [JsonInclude] public List<int> VisitWarnings { get; private set; } = [];
    [JsonInclude] public bool NeedsDutyOfficer { get; private set; }
    [JsonInclude] public TaskOutcome? Outcome { get; private set; }
    [JsonInclude] public decimal? Amount { get; private set; }
    [JsonInclude] public List<string> TriedOfficers { get; private set; } = [];
    [JsonInclude] public List<string> TriedPosts { get; private set; } = [];
    /// <summary>
    /// Every action id ever applied to the task, with what it did (<c>kind|values|user</c>): a retry replays only
    /// the same action, for the task's whole life.
    /// </summary>
    [JsonInclude] public Dictionary<string, string> AppliedActions { get; private set; } = [];
    [JsonInclude] public List<TaskHistoryEntry> History { get; private set; } = [];

    /// <summary>The last 64 bare ids, as tasks stored before <see cref="AppliedActions"/> hold them.</summary>
    [JsonInclude, JsonPropertyName("appliedActionIds")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    List<string>? LegacyActionIds { get; set; }

    /// <summary>Feedback produced by changes since the task was loaded; the store writes it to the outbox with the task.</summary>
    [JsonIgnore] public List<InstructionStatusChanged> PendingFeedback { get; } = [];

    public string InstructionId => Instruction.InstructionId;
    public bool IsActive => Status != DispatchStatus.Resolved;

    public static DispatchTask Create(string taskId, DispatchWarning instruction, DateTimeOffset receivedAt, EscalationPlan plan, RoutingDecision route)
    {
        var task = new DispatchTask
        {
            TaskId = taskId,
            Instruction = instruction,
            ReceivedAt = receivedAt,
            Plan = plan,
            Status = DispatchStatus.Unrouted,
            HomeVisitRequired = plan.ParallelHomeVisitReason is not null,
        };
        task.Record(receivedAt, Actor.System, "Received", $"{instruction.Source} {instruction.Kind} warning, risk {instruction.RiskLevel}");
        task.Feedback(FeedbackStatus.Accepted, receivedAt);
        if (plan.ParallelHomeVisitReason is { } why)
            task.Record(receivedAt, Actor.System, "PlanFrozen", $"home visit required at once, in parallel with the call: {why}");
        task.ApplyRoute(route, receivedAt, plan.FirstAckDeadline, "Routed", Actor.System);
        task.Version = 1;
        return task;
    }

    /// <summary>What the current step must be done by, and what it is.</summary>
    public (DateTimeOffset At, string Kind)? CurrentDeadline => Status switch
    {
        DispatchStatus.Assigned => (AckDeadline!.Value, "Acknowledge"),
        DispatchStatus.PhoneWarning => (Plan.CallDeadline, "Call"),
        DispatchStatus.HomeVisit when !OnScene => (Plan.VisitDeadline, "HomeVisit"),
        _ => null,
    };

    /// <summary>The earliest moment something on the ladder falls due, or null when nothing can.</summary>
    public DateTimeOffset? NextWakeUp
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

    public bool IsVisibleTo(Actor actor) => actor.Role switch
    {
        ActorRole.System => true,
        ActorRole.DutyOfficer => actor.AreaId is not null && AreaIds.Contains(actor.AreaId),
        ActorRole.FieldOfficer => actor.OfficerId is not null && actor.OfficerId == OfficerId,
        _ => false,
    };

    public ActionResult Acknowledge(Actor actor, string actionId, DateTimeOffset now) =>
        Act(actor, actionId, "acknowledge", () =>
        {
            if (Status != DispatchStatus.Assigned) return $"only an assigned task can be acknowledged; this task is {Status}";
            if (actor.OfficerId != OfficerId) return "only the assigned officer acknowledges a task";
            return null;
        }, () =>
        {
            Record(now, actor, "Acknowledged", $"acknowledged by officer {OfficerId}");
            if (HomeVisitRequired)
                EnterHomeVisit(now, actor, Plan.ParallelHomeVisitReason is { } why && CallResult is null
                    ? $"home visit starts at once, in parallel with the call: {why}"
                    : "home visit already required");
            else
                SetStatus(DispatchStatus.PhoneWarning);
        });

    public ActionResult RecordCallResult(Actor actor, string actionId, CallResult result, DateTimeOffset now) =>
        Act(actor, actionId, $"call-result|{result}", () =>
        {
            var parallelCall = Status == DispatchStatus.HomeVisit && CallResult is null;
            if (Status != DispatchStatus.PhoneWarning && !parallelCall)
                return Status == DispatchStatus.HomeVisit ? "the call result is already recorded" : $"no phone warning is under way; this task is {Status}";
            return null;
        }, () =>
        {
            CallResult = result;
            Record(now, actor, "CallRecorded", $"call result: {result}");
            if (Status == DispatchStatus.HomeVisit) return;
            if (result == Contracts.CallResult.ReachedAndDissuaded)
                Resolve(now, actor, TaskOutcome.Dissuaded, null);
            else
                EnterHomeVisit(now, actor, $"phone warning failed ({result})");
        });

    public ActionResult ArriveOnScene(Actor actor, string actionId, DateTimeOffset now) =>
        Act(actor, actionId, "arrive", () =>
            Status != DispatchStatus.HomeVisit ? $"no home visit is under way; this task is {Status}"
            : OnScene ? "arrival is already recorded" : null,
        () =>
        {
            OnScene = true;
            var late = now > Plan.VisitDeadline ? $", {(now - Plan.VisitDeadline).TotalMinutes:0} min after the deadline" : ", within the deadline";
            Record(now, actor, "ArrivedOnScene", $"officer on scene{late}");
        });

    /// <summary>How the task ended. Only money protected or lost has an amount; other outcomes refuse one.</summary>
    public ActionResult RecordOutcome(
        Actor actor, string actionId, TaskOutcome outcome, decimal? amount, DateTimeOffset now)
    {
        var hasAmount = outcome is TaskOutcome.FundsProtected or TaskOutcome.AlreadyDefrauded;
        if (hasAmount && amount is null)
            return ActionResult.Invalid($"结果 {outcome} 须填写金额 (outcome {outcome} needs an amount)", "amount");
        if (!hasAmount && amount is not null)
            return ActionResult.Invalid(
                "金额仅用于 FundsProtected 或 AlreadyDefrauded (amount only with FundsProtected or AlreadyDefrauded)",
                "amount");
        if (amount < 0) return ActionResult.Invalid("金额不能为负数 (amount must be 0 or more)", "amount");
        var fingerprint = amount is { } a
            ? $"outcome|{outcome}|{a.ToString("0.############################", CultureInfo.InvariantCulture)}"
            : $"outcome|{outcome}";
        return Act(actor, actionId, fingerprint, () =>
            Status is DispatchStatus.PhoneWarning or DispatchStatus.HomeVisit ? null
            : $"an outcome is recorded during the phone warning or the home visit; this task is {Status}",
        () => Resolve(now, actor, outcome, amount));
    }

    /// <summary>A duty officer sends the task to a home visit now, whatever the phone warning says.</summary>
    public ActionResult EscalateToHomeVisit(Actor actor, string actionId, DateTimeOffset now) =>
        Act(actor, actionId, "escalate", () =>
            actor.Role != ActorRole.DutyOfficer ? "only a duty officer escalates a task"
            : HomeVisitRequired ? "a home visit is already required"
            : Status is DispatchStatus.Resolved ? "the task is resolved" : null,
        () =>
        {
            if (Status == DispatchStatus.PhoneWarning)
                EnterHomeVisit(now, actor, $"escalated by duty officer {actor.UserId}");
            else
            {
                HomeVisitRequired = true;
                Record(now, actor, "HomeVisitRequired", $"duty officer {actor.UserId} requires a home visit");
                Feedback(FeedbackStatus.Escalated, now, ["home visit required by duty officer"]);
            }
        });

    /// <summary>
    /// A duty officer assigns an unrouted task, or reassigns an active one, to an officer of their own area (so a
    /// task never leaves the area of whoever moves it). The new officer must acknowledge.
    /// </summary>
    public ActionResult Assign(Actor actor, string actionId, RoutingDecision decision, DateTimeOffset now)
    {
        if (actor.Role == ActorRole.DutyOfficer && decision.IsRouted && !decision.AreaIds.Contains(actor.AreaId ?? ""))
            return ActionResult.Forbidden("不能指派其他辖区的民警 (cannot assign an officer outside your area)");
        return Act(actor, actionId, $"assign|{decision.OfficerId}", () =>
            actor.Role != ActorRole.DutyOfficer ? "only a duty officer assigns or reassigns a task"
            : Status == DispatchStatus.Resolved ? "the task is resolved"
            : decision.OfficerId == OfficerId ? $"the task is already assigned to officer {OfficerId}"
            : !decision.IsRouted ? "an assignment needs a post and an officer" : null,
        () => ApplyRoute(decision, now, now + Plan.AckWindow,
            Status == DispatchStatus.Unrouted ? "Assigned" : "Reassigned", actor));
    }

    /// <summary>
    /// A wake-up from the timer queue. Stale when the timer was set for another version; otherwise everything that is
    /// due by <paramref name="now"/> happens in one change. <paramref name="nextRung"/> is asked only when an
    /// acknowledgement was missed.
    /// </summary>
    public DeadlineResult OnDeadline(int timerVersion, DateTimeOffset now, Func<DispatchTask, RoutingDecision> nextRung)
    {
        if (timerVersion != Version) return DeadlineResult.Stale;
        var changed = false;
        if (Status == DispatchStatus.Assigned && AckDeadline <= now)
        {
            MoveOn(now, $"officer {OfficerId} did not acknowledge by {Local(AckDeadline!.Value, "HH:mm:ss")}", "AckMissed", nextRung);
            changed = true;
        }
        if (Status == DispatchStatus.PhoneWarning && Plan.CallDeadline <= now)
        {
            EnterHomeVisit(now, Actor.System, $"no call result by the call deadline {Local(Plan.CallDeadline, "HH:mm:ss")}");
            changed = true;
        }
        while (HomeVisitRequired && !OnScene && IsActive && NextVisitMilestone() is { } m && Plan.VisitMilestoneAt(m) <= now)
        {
            VisitWarnings.Add(m);
            if (m < 100)
                Record(now, Actor.System, "VisitWarning", $"{m} % of the {Plan.VisitWindow.TotalHours:0.##} h home-visit time ({Plan.AreaType}) has passed; deadline {Local(Plan.VisitDeadline, "HH:mm")}");
            else
            {
                NeedsDutyOfficer = true;
                Record(now, Actor.System, "VisitBreached", $"home-visit deadline {Local(Plan.VisitDeadline, "HH:mm")} breached; escalated to duty officers");
                Feedback(FeedbackStatus.Escalated, now, ["home-visit deadline breached"]);
            }
            changed = true;
        }
        if (!changed) return DeadlineResult.NothingDue;
        Version++;
        return DeadlineResult.Escalated;
    }

    /// <summary>The assigned officer went off duty: the task moves on as if they had missed the acknowledgement.</summary>
    public bool OfficerWentOffDuty(string officerId, DateTimeOffset now, Func<DispatchTask, RoutingDecision> nextRung)
    {
        if (!IsActive || OfficerId != officerId) return false;
        MoveOn(now, $"officer {officerId} went off duty", "OfficerOffDuty", nextRung);
        Version++;
        return true;
    }

    /// <summary>The next rung of the ladder: another officer, post or centre; with none left, the duty officers.</summary>
    void MoveOn(DateTimeOffset now, string why, string action, Func<DispatchTask, RoutingDecision> nextRung)
    {
        Record(now, Actor.System, action, why);
        var decision = nextRung(this);
        if (decision.IsRouted)
        {
            Feedback(FeedbackStatus.Escalated, now, [why]);
            ApplyRoute(decision, now, now + Plan.AckWindow, "Reassigned", Actor.System);
            return;
        }
        SetStatus(DispatchStatus.Unrouted);
        PostId = null; OfficerId = null; AckDeadline = null;
        if (decision.AreaIds.Count > 0) AreaIds = decision.AreaIds.ToList();
        NeedsDutyOfficer = true;
        Record(now, Actor.System, "LadderExhausted", $"escalated to duty officers: {decision.Reason}");
        Feedback(FeedbackStatus.Escalated, now, [why, decision.Reason]);
    }

    public TaskSnapshot ToSnapshot(bool maskPersonalData)
    {
        var deadline = CurrentDeadline;
        var snapshot = new TaskSnapshot
        {
            TaskId = TaskId,
            InstructionId = InstructionId,
            Status = Status,
            RiskLevel = Instruction.RiskLevel,
            Source = Instruction.Source,
            Kind = Instruction.Kind,
            FraudType = Instruction.FraudType,
            PostId = PostId,
            OfficerId = OfficerId,
            Deadline = deadline?.At,
            DeadlineKind = deadline?.Kind,
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
            Subject = Instruction.Subject,
            Context = Instruction.Context,
            AreaIds = AreaIds.ToList(),
            History = History.ToList(),
        };
        return maskPersonalData ? PersonalData.Mask(snapshot) : snapshot;
    }

    /// <param name="payload">What the action does (<c>kind|values</c>): an id is bound to it once applied.</param>
    ActionResult Act(Actor actor, string actionId, string payload, Func<string?> refusal, Action apply)
    {
        if (ActionId.Problem(actionId) is { } bad) return ActionResult.Invalid(bad, "actionId");
        // Visibility first: a replayed id must not show a task to someone who may no longer see it.
        if (!IsVisibleTo(actor))
            return ActionResult.Forbidden(
                "only the assigned officer or a duty officer of the task's area may act on it");
        var fingerprint = $"{payload}|{actor.UserId}";
        if (AppliedActions.TryGetValue(actionId, out var applied))
            return applied == fingerprint || applied == UnknownPayload
                ? ActionResult.AlreadyApplied
                : ActionResult.ActionIdReused(
                    $"操作编号 {actionId} 已用于另一操作（{applied}），不能再用于 {fingerprint} " +
                    $"(action id {actionId} was used for {applied}; it cannot be reused for {fingerprint})");
        if (refusal() is { } why) return ActionResult.NotAllowed(why);
        apply();
        AppliedActions.Add(actionId, fingerprint);
        Version++;
        return ActionResult.Applied;
    }

    /// <summary>A task stored before payloads were kept: its ids stay applied, whatever a retry carries.</summary>
    void IJsonOnDeserialized.OnDeserialized()
    {
        foreach (var id in LegacyActionIds ?? []) AppliedActions.TryAdd(id, UnknownPayload);
        LegacyActionIds = null;
    }

    void ApplyRoute(RoutingDecision route, DateTimeOffset now, DateTimeOffset ackDeadline, string action, Actor actor)
    {
        AreaIds = route.AreaIds.ToList();
        if (!route.IsRouted)
        {
            SetStatus(DispatchStatus.Unrouted);
            PostId = null; OfficerId = null; AckDeadline = null;
            NeedsDutyOfficer = true;
            Record(now, actor, "Unrouted", route.Reason);
            Feedback(FeedbackStatus.Escalated, now, [route.Reason]);
            return;
        }
        SetStatus(DispatchStatus.Assigned);
        PostId = route.PostId; OfficerId = route.OfficerId; AckDeadline = ackDeadline;
        NeedsDutyOfficer = false;
        if (!TriedPosts.Contains(route.PostId!)) TriedPosts.Add(route.PostId!);
        if (!TriedOfficers.Contains(route.OfficerId!)) TriedOfficers.Add(route.OfficerId!);
        Record(now, actor, action, route.Reason);
        Feedback(FeedbackStatus.Assigned, now, [route.Reason]);
    }

    void EnterHomeVisit(DateTimeOffset now, Actor actor, string why)
    {
        HomeVisitRequired = true;
        SetStatus(DispatchStatus.HomeVisit);
        Record(now, actor, "HomeVisit", $"{why}; visit by {Local(Plan.VisitDeadline, "yyyy-MM-dd HH:mm")} ({Plan.VisitWindow.TotalHours:0.##} h, {Plan.AreaType})");
        Feedback(FeedbackStatus.Escalated, now, [why]);
    }

    void Resolve(DateTimeOffset now, Actor actor, TaskOutcome outcome, decimal? amount)
    {
        SetStatus(DispatchStatus.Resolved);
        Outcome = outcome; Amount = amount; NeedsDutyOfficer = false;
        Record(now, actor, "Resolved", amount is { } a ? $"{outcome}, {a:0.##} CNY" : outcome.ToString());
        PendingFeedback.Add(new InstructionStatusChanged
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
            if (!VisitWarnings.Contains(m)) return m;
        return null;
    }

    void SetStatus(DispatchStatus status) => Status = status;

    /// <summary>A time in the history's words, in the instruction's own offset (the officers' local time), offset shown.</summary>
    string Local(DateTimeOffset at, string format) =>
        at.ToOffset(Instruction.IssuedAt.Offset).ToString(format, System.Globalization.CultureInfo.InvariantCulture) + " " + FormatOffset(Instruction.IssuedAt.Offset);

    static string FormatOffset(TimeSpan offset) => offset == TimeSpan.Zero ? "UTC" : $"UTC{(offset < TimeSpan.Zero ? "-" : "+")}{offset:hh\\:mm}";

    void Record(DateTimeOffset at, Actor actor, string action, string detail) =>
        History.Add(new TaskHistoryEntry { At = at, Actor = actor.UserId, Action = action, Detail = detail, Status = Status, PostId = PostId, OfficerId = OfficerId });

    void Feedback(FeedbackStatus status, DateTimeOffset at, IReadOnlyList<string>? reasons = null) =>
        PendingFeedback.Add(new InstructionStatusChanged
        {
            InstructionId = InstructionId, TaskId = TaskId, Status = status, OccurredAt = at, Reasons = reasons, PostId = PostId, OfficerId = OfficerId,
        });
}
