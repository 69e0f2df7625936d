using WarningDispatch.Contracts;
using WarningDispatch.Domain.Escalation;
using WarningDispatch.Domain.Routing;
using WarningDispatch.Domain.Tasks;
using static WarningDispatch.Domain.Tests.TestRegion;

namespace WarningDispatch.Domain.Tests;

/// <summary>Updates to a warning in progress (INTERFACE.md §7): order, idempotency, refusals and re-routing.</summary>
public class UpdateTests
{
    static readonly EscalationPolicy Policy = new();
    static readonly Actor OfficerA = Actor.Field("a", "A");
    static readonly GeoPoint NearS2 = new() { Lat = 24.546, Lon = 107.083 };
    FakeRoster _roster = null!;
    Router _router = null!;

    [SetUp]
    public void SetUp()
    {
        _roster = new FakeRoster().OnDuty("S1", "A").OnDuty("S2", "C");
        _router = Router();
    }

    DispatchTask NewTask(DispatchWarning? instruction = null)
    {
        instruction ??= Instruction();
        return DispatchTask.Create("T1", instruction, T0.AddSeconds(20), Policy.PlanFor(instruction, AreaType.Urban),
            _router.Route(instruction.Subject, _roster));
    }

    Func<WarningSubject, RoutingDecision> Reroute => s => _router.Route(s, _roster);

    static WarningUpdate Update(string id, DateTimeOffset at, GeoPoint? location = null, string? address = null,
        bool? onCallNow = null, decimal? amount = null, string? note = null) => new()
    {
        UpdateId = id, InstructionId = "GX-20261121-000123", OccurredAt = at, Location = location, Address = address,
        OnCallNow = onCallNow, AmountAtRisk = amount, Note = note,
    };

    [Test]
    public void An_update_shows_the_new_values_beside_the_instruction_and_names_only_the_fields_in_the_history()
    {
        var task = NewTask();
        _ = task.Acknowledge(OfficerA, "ack-1", T0.AddMinutes(1));
        var version = task.Version;

        var result = task.ApplyUpdate(Update("U1", T0.AddMinutes(3), address: "金城江区某宾馆 302",
            amount: 80000m, onCallNow: false), T0.AddMinutes(4), Reroute);

        Assert.That(result.Status, Is.EqualTo(ActionStatus.Applied));
        Assert.That(task.Version, Is.EqualTo(version + 1));
        var snapshot = task.ToSnapshot(false);
        Assert.That(snapshot.Subject.Address, Is.EqualTo("金城江区某宾馆 302"));
        Assert.That(snapshot.Subject.Phone, Is.EqualTo("+8613800000000"), "fields not updated stay as sent");
        Assert.That((snapshot.Context!.AmountAtRisk, snapshot.Context.OnCallNow), Is.EqualTo((80000m, (bool?)false)));
        Assert.That(snapshot.LastUpdateAt, Is.EqualTo(T0.AddMinutes(3)));
        Assert.That(task.Instruction.Subject.Address, Is.EqualTo("凤山县凤城镇"),
            "the instruction stays as it arrived");
        var entry = task.History[^1];
        Assert.That(entry.Code, Is.EqualTo(HistoryAction.Updated));
        Assert.That(entry.Parameters["fields"], Is.EqualTo("address,onCallNow,amountAtRisk"));
        Assert.That(string.Join(" ", entry.Parameters.Values) + entry.Detail,
            Does.Not.Contain("宾馆").And.Not.Contain("80000"), "personal data and values stay out of the history");
    }

    [Test]
    public void Updates_arriving_out_of_order_end_with_the_newest_value_of_each_field()
    {
        var task = NewTask();
        task.ApplyUpdate(Update("U2", T0.AddMinutes(10), address: "newer", note: "newer note"), T0.AddMinutes(11),
            Reroute);

        var older = task.ApplyUpdate(Update("U1", T0.AddMinutes(5), address: "older", amount: 1000m),
            T0.AddMinutes(12), Reroute);

        Assert.That(older.Status, Is.EqualTo(ActionStatus.Applied), "the older update is taken, and recorded");
        var snapshot = task.ToSnapshot(false);
        Assert.That(snapshot.Subject.Address, Is.EqualTo("newer"));
        Assert.That(snapshot.Context!.AmountAtRisk, Is.EqualTo(1000m), "a field the newer update did not carry");
        Assert.That(snapshot.Context.Note, Is.EqualTo("newer note"));
        Assert.That(snapshot.LastUpdateAt, Is.EqualTo(T0.AddMinutes(10)));
        Assert.That(task.History[^1].Parameters["fields"], Is.EqualTo("amountAtRisk"));
        Assert.That(task.History[^1].Parameters["stale"], Is.EqualTo("address"));
    }

    [Test]
    public void An_update_older_than_the_instruction_does_not_overwrite_it_but_is_in_the_history()
    {
        var task = NewTask();

        task.ApplyUpdate(Update("U0", T0.AddMinutes(-30), address: "stale"), T0.AddMinutes(1), Reroute);

        Assert.That(task.ToSnapshot(false).Subject.Address, Is.EqualTo("凤山县凤城镇"));
        Assert.That(task.ToSnapshot(false).LastUpdateAt, Is.Null);
        Assert.That(task.History[^1].Code, Is.EqualTo(HistoryAction.Updated));
        Assert.That(task.History[^1].Parameters["stale"], Is.EqualTo("address"));
    }

    [Test]
    public void The_same_update_id_applies_once_and_with_another_payload_is_refused()
    {
        var task = NewTask();
        var update = Update("U1", T0.AddMinutes(2), note: "on the phone again");
        task.ApplyUpdate(update, T0.AddMinutes(3), Reroute);
        var version = task.Version;

        var again = task.ApplyUpdate(update with { }, T0.AddMinutes(4), Reroute);
        var other = task.ApplyUpdate(update with { Note = "something else" }, T0.AddMinutes(5), Reroute);

        Assert.That(again.Status, Is.EqualTo(ActionStatus.AlreadyApplied));
        Assert.That(other.Status, Is.EqualTo(ActionStatus.ActionIdReused));
        Assert.That(other.Refusal!.Code, Is.EqualTo(ProblemCode.UpdateIdReused));
        Assert.That(task.Version, Is.EqualTo(version));
        Assert.That(task.ToSnapshot(false).Context!.Note, Is.EqualTo("on the phone again"));
    }

    [Test]
    public void A_resolved_task_refuses_updates_but_a_replay_of_one_it_took_is_still_answered_as_applied()
    {
        var task = NewTask();
        var update = Update("U1", T0.AddMinutes(2), amount: 100m);
        task.ApplyUpdate(update, T0.AddMinutes(2), Reroute);
        _ = task.Acknowledge(OfficerA, "ack-1", T0.AddMinutes(3));
        _ = task.RecordCallResult(OfficerA, "call-1", CallResult.ReachedAndDissuaded, T0.AddMinutes(4), FollowUp);
        var version = task.Version;

        var late = task.ApplyUpdate(Update("U2", T0.AddMinutes(5), amount: 200m), T0.AddMinutes(5), Reroute);

        Assert.That(late.Status, Is.EqualTo(ActionStatus.NotAllowed));
        Assert.That(late.Refusal!.Code, Is.EqualTo(ProblemCode.TaskResolved));
        Assert.That(task.ApplyUpdate(update, T0.AddMinutes(6), Reroute).Status,
            Is.EqualTo(ActionStatus.AlreadyApplied));
        Assert.That(task.Version, Is.EqualTo(version));
    }

    [Test]
    public void A_new_location_moves_an_unacknowledged_task_to_the_nearest_post_with_a_fresh_ack_window()
    {
        var task = NewTask();
        Assert.That((task.PostId, task.OfficerId), Is.EqualTo(("S1", "A")));
        var now = T0.AddMinutes(2);

        task.ApplyUpdate(Update("U1", T0.AddMinutes(1), location: NearS2), now, Reroute);

        Assert.That((task.Status, task.PostId, task.OfficerId),
            Is.EqualTo((DispatchStatus.Assigned, "S2", "C")));
        Assert.That(task.AckDeadline, Is.EqualTo(now + Policy.PlanFor(task.Instruction, AreaType.Urban).AckWindow));
        Assert.That(task.History.TakeLast(2).Select(h => h.Code),
            Is.EqualTo(new[] { HistoryAction.Updated, HistoryAction.Reassigned }));
        Assert.That(task.History[^1].Reasons[0].Code, Is.EqualTo(ReasonCode.LocationUpdated));
        Assert.That(task.TakeFeedback().Last().Status, Is.EqualTo(FeedbackStatus.Assigned));
    }

    [Test]
    public void A_new_location_near_the_same_post_leaves_the_assignment_alone()
    {
        var task = NewTask();
        var deadline = task.AckDeadline;

        task.ApplyUpdate(Update("U1", T0.AddMinutes(1), location: new GeoPoint { Lat = 24.547, Lon = 107.041 }),
            T0.AddMinutes(2), Reroute);

        Assert.That((task.PostId, task.OfficerId, task.AckDeadline), Is.EqualTo(("S1", "A", deadline)));
        Assert.That(task.History[^1].Code, Is.EqualTo(HistoryAction.Updated));
    }

    [Test]
    public void An_acknowledged_task_stays_with_its_officer_and_only_shows_the_new_location()
    {
        var task = NewTask();
        _ = task.Acknowledge(OfficerA, "ack-1", T0.AddMinutes(1));
        var asked = false;

        task.ApplyUpdate(Update("U1", T0.AddMinutes(2), location: NearS2), T0.AddMinutes(3),
            s => { asked = true; return Reroute(s); });

        Assert.That(asked, Is.False);
        Assert.That((task.Status, task.OfficerId), Is.EqualTo((DispatchStatus.PhoneWarning, "A")));
        Assert.That(task.ToSnapshot(false).Subject.Location, Is.EqualTo(NearS2));
    }

    [Test]
    public void An_unrouted_task_is_routed_again_from_the_new_location()
    {
        _roster = new FakeRoster();
        var task = NewTask();
        Assert.That(task.Status, Is.EqualTo(DispatchStatus.Unrouted));
        _roster.OnDuty("S2", "C");

        task.ApplyUpdate(Update("U1", T0.AddMinutes(1), location: NearS2), T0.AddMinutes(2), Reroute);

        Assert.That((task.Status, task.PostId, task.OfficerId), Is.EqualTo((DispatchStatus.Assigned, "S2", "C")));
        Assert.That(task.NeedsDutyOfficer, Is.False);
        Assert.That(task.History[^1].Code, Is.EqualTo(HistoryAction.Routed));
    }

    [Test]
    public void An_older_location_never_moves_the_task()
    {
        var task = NewTask();
        task.ApplyUpdate(Update("U2", T0.AddMinutes(5), location: new GeoPoint { Lat = 24.547, Lon = 107.041 }),
            T0.AddMinutes(6), Reroute);

        Assert.That(task.RerouteFrom(Update("U1", T0.AddMinutes(4), location: NearS2)), Is.Null);
        task.ApplyUpdate(Update("U1", T0.AddMinutes(4), location: NearS2), T0.AddMinutes(7), Reroute);

        Assert.That(task.PostId, Is.EqualTo("S1"));
        Assert.That(task.ToSnapshot(false).Subject.Location!.Lon, Is.EqualTo(107.041));
    }

    [Test]
    public void The_updated_values_survive_the_store_and_mask_like_the_original()
    {
        var task = NewTask();
        task.ApplyUpdate(Update("U1", T0.AddMinutes(1), address: "金城江区某宾馆 302", note: "在宾馆"),
            T0.AddMinutes(2), Reroute);

        var json = System.Text.Json.JsonSerializer.Serialize(task, Ingest.WireFormat.Options);
        var loaded = System.Text.Json.JsonSerializer.Deserialize<DispatchTask>(json, Ingest.WireFormat.Options)!;

        Assert.That(loaded.ToSnapshot(false).Subject.Address, Is.EqualTo("金城江区某宾馆 302"));
        Assert.That(loaded.ApplyUpdate(Update("U1", T0.AddMinutes(1),
                address: "金城江区某宾馆 302", note: "在宾馆"),
            T0.AddMinutes(3), Reroute).Status, Is.EqualTo(ActionStatus.AlreadyApplied));
        var masked = loaded.ToSnapshot(true);
        Assert.That(masked.Subject.Address, Does.Not.Contain("宾馆"));
        Assert.That(masked.Context!.Note, Is.EqualTo(PersonalData.HiddenNote));
    }
}
