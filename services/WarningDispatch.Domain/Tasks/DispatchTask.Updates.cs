using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using WarningDispatch.Contracts;
using WarningDispatch.Domain.Ingest;
using WarningDispatch.Domain.Routing;

namespace WarningDispatch.Domain.Tasks;

/// <summary>
/// Updates from upstream while the warning is worked (INTERFACE.md §7): where the person is now, the call, the amount,
/// a note. The instruction stays as it arrived; the task holds the latest value of each field beside it, with the time
/// upstream learned it, so updates that arrive out of order still end with the newest value of every field.
/// <para>
/// Re-routing on a new location: an <see cref="DispatchStatus.Unrouted"/> task is routed again from where the person
/// is now; an <see cref="DispatchStatus.Assigned"/> task nobody has acknowledged yet moves to the nearest post of the
/// new location when that is another post (the new officer gets a fresh acknowledgement window), because nobody has
/// started on it and the visit will be there; an acknowledged task stays with its officer, who already knows the
/// person and may be on the phone with them, and only shows the new location.
/// </para>
/// </summary>
public sealed partial class DispatchTask
{
    /// <summary>When upstream learned the newest value shown (the latest update applied); null before any.</summary>
    [JsonInclude] public DateTimeOffset? LastUpdateAt { get; private set; }

    /// <summary>The person as the latest updates describe them: the instruction's subject with newer values.</summary>
    [JsonIgnore] public WarningSubject CurrentSubject => UpdatedSubject ?? Instruction.Subject;

    /// <summary>The fraud in progress as the latest updates describe it.</summary>
    [JsonIgnore] public WarningContext? CurrentContext => UpdatedContext ?? Instruction.Context;

    /// <summary>Every update id applied, with a hash of its payload, for the task's whole life.</summary>
    [JsonIgnore] public IReadOnlyDictionary<string, string> AppliedUpdates => StoredAppliedUpdates;

    [JsonInclude, JsonPropertyName("updatedSubject")] WarningSubject? UpdatedSubject { get; set; }
    [JsonInclude, JsonPropertyName("updatedContext")] WarningContext? UpdatedContext { get; set; }
    /// <summary>Per field, when upstream learned the value held; absent: the instruction's <c>issuedAt</c>.</summary>
    [JsonInclude, JsonPropertyName("fieldTimes")]
    Dictionary<string, DateTimeOffset> StoredFieldTimes { get; set; } = [];
    [JsonInclude, JsonPropertyName("appliedUpdates")]
    Dictionary<string, string> StoredAppliedUpdates { get; set; } = [];

    /// <summary>
    /// Where <paramref name="update"/> would have the task routed from, or null when it moves no task: the subject at
    /// its new location without the region code, as the visit goes where the person is, not to their home post.
    /// </summary>
    public WarningSubject? RerouteFrom(WarningUpdate update) =>
        update.Location is { } at && Status is DispatchStatus.Unrouted or DispatchStatus.Assigned
        // One officer per person: a task of a case with other warnings stays with the officer who has the person.
        && !(Status == DispatchStatus.Assigned && StoredCaseWarnings.Count > 1)
        && !StoredAppliedUpdates.ContainsKey(update.UpdateId) && IsNewer("location", update.OccurredAt)
            ? CurrentSubject with { Location = at, RegionCode = null }
            : null;

    /// <summary>
    /// Applies an update: once per update id (the same id with another payload is refused), each field only when it
    /// is newer than the value held, refused on a resolved task. <paramref name="reroute"/> is asked only when
    /// <see cref="RerouteFrom"/> names a subject.
    /// </summary>
    public ActionResult ApplyUpdate(WarningUpdate update, DateTimeOffset now,
        Func<WarningSubject, RoutingDecision> reroute)
    {
        var fingerprint = Fingerprint(update);
        if (StoredAppliedUpdates.TryGetValue(update.UpdateId, out var applied))
            return applied == fingerprint
                ? ActionResult.AlreadyApplied
                : ActionResult.ActionIdReused(new Refusal(ProblemCode.UpdateIdReused, ("updateId", update.UpdateId)));
        if (Status == DispatchStatus.Resolved) return ActionResult.NotAllowed(new Refusal(ProblemCode.TaskResolved));
        var routeFrom = RerouteFrom(update);
        Change(() =>
        {
            var (fields, stale) = Merge(update);
            Record(now, Actor.System, HistoryAction.Updated,
                $"update {update.UpdateId}: {Names(fields, "nothing newer")}" +
                (stale.Count > 0 ? $"; older than the values held: {string.Join(", ", stale)}" : ""),
                parameters: [("updateId", update.UpdateId), ("occurredAt", Time(update.OccurredAt)),
                    ("fields", string.Join(",", fields)), ("stale", string.Join(",", stale))]);
            StoredAppliedUpdates.Add(update.UpdateId, fingerprint);
            if (routeFrom is not null) RouteAgain(reroute(routeFrom), now);
        });
        return ActionResult.Applied;
    }

    /// <summary>Takes each field of the update that is newer than the value held; says what it took and left.</summary>
    (List<string> Fields, List<string> Stale) Merge(WarningUpdate u)
    {
        var fields = new List<string>();
        var stale = new List<string>();
        bool Take(string field, bool present)
        {
            if (!present) return false;
            if (!IsNewer(field, u.OccurredAt))
            {
                stale.Add(field);
                return false;
            }
            fields.Add(field);
            StoredFieldTimes[field] = u.OccurredAt;
            return true;
        }
        var subject = CurrentSubject;
        var context = CurrentContext ?? new WarningContext();
        if (Take("location", u.Location is not null)) subject = subject with { Location = u.Location };
        if (Take("address", u.Address is not null)) subject = subject with { Address = u.Address };
        if (Take("onCallNow", u.OnCallNow is not null)) context = context with { OnCallNow = u.OnCallNow };
        if (Take("amountAtRisk", u.AmountAtRisk is not null)) context = context with { AmountAtRisk = u.AmountAtRisk };
        if (Take("note", u.Note is not null)) context = context with { Note = u.Note };
        if (fields.Count == 0) return (fields, stale);
        UpdatedSubject = subject;
        UpdatedContext = context;
        if (LastUpdateAt is null || u.OccurredAt > LastUpdateAt) LastUpdateAt = u.OccurredAt;
        return (fields, stale);
    }

    /// <summary>Ties go to the later arrival; the instruction's values count as learned at <c>issuedAt</c>.</summary>
    bool IsNewer(string field, DateTimeOffset occurredAt) =>
        occurredAt >= StoredFieldTimes.GetValueOrDefault(field, Instruction.IssuedAt);

    /// <summary>See the class remarks: only a task nobody has started on moves, and only to another post.</summary>
    void RouteAgain(RoutingDecision decision, DateTimeOffset now)
    {
        if (!decision.IsRouted || decision.PostId == PostId) return;
        var moved = decision with { Reasons = [Reasons.Of(ReasonCode.LocationUpdated), .. decision.Reasons] };
        ApplyRoute(moved, now, now + Plan.AckWindow,
            Status == DispatchStatus.Unrouted ? HistoryAction.Routed : HistoryAction.Reassigned, Actor.System);
    }

    static string Names(List<string> fields, string none) => fields.Count > 0 ? string.Join(", ", fields) : none;

    /// <summary>A hash, not the payload: the update's values are personal data, held once.</summary>
    static string Fingerprint(WarningUpdate update) =>
        Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(update, WireFormat.Options)));
}
