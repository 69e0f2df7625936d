using WarningDispatch.Contracts;
using WarningDispatch.Domain.Cases;
using WarningDispatch.Domain.Escalation;
using WarningDispatch.Domain.Routing;
using WarningDispatch.Domain.Tasks;
using static WarningDispatch.Domain.Tests.TestRegion;

namespace WarningDispatch.Domain.Tests;

/// <summary>
/// Several warnings about one person: linking by id number or phone inside the window, one officer per person, a
/// home visit when sources corroborate or warnings repeat, the case's highest risk, one outcome for the case.
/// </summary>
public class CaseTests
{
    const string IdA = "451223195001011231";
    const string IdB = "451223195202022340";
    static readonly byte[] Secret = "a test key of at least thirty-two bytes!"u8.ToArray();
    static readonly EscalationPolicy Escalation = new();
    static readonly Actor OfficerA = Actor.Field("a", "A");
    FakeRoster _roster = null!;
    Router _router = null!;
    CaseBook _book = null!;
    int _ids;

    [SetUp]
    public void SetUp()
    {
        _roster = new FakeRoster().OnDuty("S1", "A").OnDuty("S1", "B").OnDuty("S2", "C");
        _router = Router();
        _book = new CaseBook();
    }

    static DispatchWarning About(string phone, string? idNumber = null,
        InstructionSource source = InstructionSource.NationalCenter, RiskLevel risk = RiskLevel.Medium,
        string regionCode = "451223") =>
        Instruction(risk, regionCode) with
        {
            InstructionId = $"GX-{Guid.NewGuid():N}"[..20],
            Source = source,
            Subject = Instruction().Subject with { Phone = phone, IdNumber = idNumber, RegionCode = regionCode },
        };

    /// <summary>What the intake does: read the cases, decide the link, route (to the holder if any), create.</summary>
    DispatchTask Arrive(DispatchWarning instruction, DateTimeOffset at, CasePolicy? policy = null)
    {
        policy ??= CasePolicy.Default;
        var keys = PersonKeys.Of(instruction.Subject, Secret);
        var (byId, byPhone) = _book.Find(keys);
        var link = CaseLinker.Decide(keys, byId, byPhone, at, policy, () => $"C{++_ids}");
        var route = link.Holder is { PostId: { } p, OfficerId: { } o } && _router.ToCaseHolder(p, o, _roster) is { } h
            ? h
            : _router.Route(instruction.Subject, _roster);
        var task = DispatchTask.Create($"T{++_ids}", instruction, at, Escalation.PlanFor(instruction, AreaType.Urban),
            route, new CaseStart(link, keys.IdKey, policy));
        Assert.That(_book.Commit(link, task), Is.True, "nothing changed between read and commit");
        return task;
    }

    [Test]
    public void Warnings_with_the_same_id_number_join_one_case_and_go_to_the_officer_who_has_the_person()
    {
        var first = Arrive(About("+8613900000001", IdA), T0);
        _roster.OffDuty("A").OnDuty("S1", "A", openTasks: 5); // now routing alone would pick B
        var second = Arrive(About("+8613900000002", IdA, InstructionSource.Bank), T0.AddMinutes(3));

        Assert.That(second.CaseId, Is.EqualTo(first.CaseId).And.Not.Null);
        Assert.That(second.OfficerId, Is.EqualTo(first.OfficerId));
        var routed = second.History.Single(h => h.Code == HistoryAction.Routed);
        Assert.That(routed.Reasons[0].Code, Is.EqualTo(ReasonCode.CaseOfficer));
        Assert.That(second.ToSnapshot(false).LinkedTaskIds, Is.EqualTo(new[] { first.TaskId }));
    }

    [Test]
    public void Warnings_with_the_same_phone_join_one_case()
    {
        var first = Arrive(About("+8613900000003"), T0);
        var second = Arrive(About("+8613900000003", source: InstructionSource.Telecom), T0.AddMinutes(1));

        Assert.That(second.CaseId, Is.EqualTo(first.CaseId));
        Assert.That(second.ToSnapshot(false).CaseWarnings.Select(w => w.Source),
            Is.EqualTo(new[] { InstructionSource.NationalCenter, InstructionSource.Telecom }));
    }

    [Test]
    public void A_shared_phone_with_two_different_id_numbers_is_two_people_not_one_case()
    {
        var father = Arrive(About("+8613900000004", IdA), T0);
        var son = Arrive(About("+8613900000004", IdB), T0.AddMinutes(1));

        Assert.That(son.CaseId, Is.Not.EqualTo(father.CaseId));
        Assert.That(son.History.Select(h => h.Code), Does.Not.Contain(HistoryAction.LinkedToCase));
    }

    [Test]
    public void Different_people_are_never_linked()
    {
        var one = Arrive(About("+8613900000005", IdA), T0);
        var other = Arrive(About("+8613900000006", IdB), T0);

        Assert.That(other.CaseId, Is.Not.EqualTo(one.CaseId));
    }

    [TestCase(-1, true)]   // one second before the window closes
    [TestCase(0, false)]   // the window is 72 h after the resolution, not longer
    [TestCase(1, false)]
    public void A_resolved_case_is_joined_only_inside_the_window(int secondsPastWindow, bool joins)
    {
        var policy = new CasePolicy(TimeSpan.FromHours(72), 2);
        var first = Arrive(About("+8613900000007"), T0, policy);
        Resolve(first, T0.AddMinutes(30));
        var at = T0.AddMinutes(30) + policy.Window + TimeSpan.FromSeconds(secondsPastWindow);

        var later = Arrive(About("+8613900000007") with { IssuedAt = at.AddMinutes(-1) }, at, policy);

        Assert.That(later.CaseId == first.CaseId, Is.EqualTo(joins));
    }

    [Test]
    public void An_active_task_keeps_its_case_open_however_old()
    {
        var first = Arrive(About("+8613900000008"), T0);
        var at = T0.AddDays(10);

        var later = Arrive(About("+8613900000008") with { IssuedAt = at.AddMinutes(-1) }, at);

        Assert.That(later.CaseId, Is.EqualTo(first.CaseId));
    }

    [Test]
    public void Two_sources_require_a_home_visit_on_every_active_task_of_the_case()
    {
        var first = Arrive(About("+8613900000009"), T0);
        first.Acknowledge(OfficerA, "ack-1", T0.AddMinutes(1));
        Assert.That(first.Status, Is.EqualTo(DispatchStatus.PhoneWarning));

        var second = Arrive(About("+8613900000009", source: InstructionSource.Bank), T0.AddMinutes(2));
        Assert.That(second.HomeVisitRequired, Is.True);
        var why = second.History.Single(h => h.Code == HistoryAction.HomeVisitRequired).Reasons.Single();
        Assert.That((why.Code, why.Parameters["sources"]),
            Is.EqualTo((ReasonCode.CaseCorroborated, "NationalCenter,Bank")));

        Assert.That(first.CaseGrew(_book.Warnings(first.CaseId!), T0.AddMinutes(2), CasePolicy.Default), Is.True);
        Assert.That((first.Status, first.HomeVisitRequired), Is.EqualTo((DispatchStatus.HomeVisit, true)));
        Assert.That(first.History.Select(h => h.Code), Does.Contain(HistoryAction.CaseWarningAdded));
        Assert.That(first.PendingFeedback.Last().Status, Is.EqualTo(FeedbackStatus.Escalated));
    }

    [Test]
    public void The_same_source_warning_again_counts_up_to_the_repeat_count()
    {
        var policy = new CasePolicy(TimeSpan.FromHours(72), RepeatCount: 3);
        var first = Arrive(About("+8613900000010"), T0, policy);
        var second = Arrive(About("+8613900000010"), T0.AddMinutes(1), policy);
        Assert.That(second.HomeVisitRequired, Is.False, "two warnings from one source, repeat count 3");

        var third = Arrive(About("+8613900000010"), T0.AddMinutes(2), policy);
        Assert.That(third.HomeVisitRequired, Is.True);
        var why = third.History.Single(h => h.Code == HistoryAction.HomeVisitRequired).Reasons.Single();
        Assert.That((why.Code, why.Parameters["count"]), Is.EqualTo((ReasonCode.RepeatedWarnings, "3")));
        Assert.That(third.ToSnapshot(false).CaseWarnings, Has.Count.EqualTo(3));
        Assert.That(first.CaseId, Is.EqualTo(third.CaseId));
    }

    [Test]
    public void Every_active_task_shows_the_highest_risk_of_the_case_and_keeps_its_own()
    {
        var low = Arrive(About("+8613900000011", risk: RiskLevel.Low), T0);
        var high = Arrive(About("+8613900000011", risk: RiskLevel.High), T0.AddMinutes(1));

        low.CaseGrew(_book.Warnings(low.CaseId!), T0.AddMinutes(1), CasePolicy.Default);

        var lowView = low.ToSnapshot(false);
        Assert.That((lowView.RiskLevel, lowView.InstructionRiskLevel), Is.EqualTo((RiskLevel.High, RiskLevel.Low)));
        Assert.That(high.ToSnapshot(false).RiskLevel, Is.EqualTo(RiskLevel.High));
    }

    [Test]
    public void Learning_of_the_same_warnings_twice_changes_nothing()
    {
        var first = Arrive(About("+8613900000012"), T0);
        Arrive(About("+8613900000012", source: InstructionSource.Bank), T0.AddMinutes(1));
        var warnings = _book.Warnings(first.CaseId!);
        first.CaseGrew(warnings, T0.AddMinutes(1), CasePolicy.Default);
        var version = first.Version;

        Assert.That(first.CaseGrew(warnings, T0.AddMinutes(2), CasePolicy.Default), Is.False);
        Assert.That(first.Version, Is.EqualTo(version));
    }

    [Test]
    public void An_outcome_resolves_the_whole_case_with_one_Resolved_feedback_per_instruction()
    {
        var first = Arrive(About("+8613900000013"), T0);
        var second = Arrive(About("+8613900000013", source: InstructionSource.Bank), T0.AddMinutes(1));
        first.Acknowledge(OfficerA, "ack-1", T0.AddMinutes(2));
        first.TakeFeedback();

        // The first task has not yet heard of the second (its follow-up may still be on the way): the case event is
        // written anyway, and the case's members decide whom it reaches.
        first.RecordOutcome(OfficerA, "out-1", TaskOutcome.FundsProtected, 30000m, T0.AddMinutes(20), FollowUp);
        var resolvedCase = first.TakeCaseEvents().Single();
        Assert.That((resolvedCase.Kind, resolvedCase.CaseId), Is.EqualTo((CaseEventKind.Resolved, first.CaseId)));

        second.TakeFeedback();
        Assert.That(second.TakeCaseEvents().Single().Kind, Is.EqualTo(CaseEventKind.Linked), "from its creation");
        Assert.That(second.ResolvedWithCase(first.Outcome!.Value, first.TaskId, T0.AddMinutes(20), FollowUp), Is.True);
        Assert.That(second.ResolvedWithCase(first.Outcome!.Value, first.TaskId, T0.AddMinutes(21), FollowUp), Is.False);

        var own = first.TakeFeedback().Single(f => f.Status == FeedbackStatus.Resolved);
        var other = second.TakeFeedback().Single(f => f.Status == FeedbackStatus.Resolved);
        Assert.That((own.InstructionId, own.AmountProtected), Is.EqualTo((first.InstructionId, 30000m)));
        Assert.That((other.InstructionId, other.Outcome, other.AmountProtected),
            Is.EqualTo((second.InstructionId, TaskOutcome.FundsProtected, (decimal?)null)),
            "the amount is counted once, on the task it was recorded on");
        Assert.That(second.History[^1].Code, Is.EqualTo(HistoryAction.ResolvedWithCase));
        Assert.That(second.TakeCaseEvents(), Is.Empty, "a case-wide outcome does not start another round");
    }

    [Test]
    public void A_link_read_before_another_arrival_is_refused_at_commit()
    {
        var instruction = About("+8613900000015");
        var keys = PersonKeys.Of(instruction.Subject, Secret);
        var (byId, byPhone) = _book.Find(keys);
        var stale = CaseLinker.Decide(keys, byId, byPhone, T0, CasePolicy.Default, () => "C-stale");

        Arrive(About("+8613900000015", source: InstructionSource.Bank), T0); // overtakes
        var task = DispatchTask.Create("T-stale", instruction, T0, Escalation.PlanFor(instruction, AreaType.Urban),
            _router.Route(instruction.Subject, _roster), new CaseStart(stale, keys.IdKey, CasePolicy.Default));

        Assert.That(_book.Commit(stale, task), Is.False);
    }

    [Test]
    public void A_new_location_does_not_take_a_linked_task_away_from_the_officer_who_has_the_person()
    {
        Arrive(About("+8613900000017"), T0);
        var linked = Arrive(About("+8613900000017", source: InstructionSource.Bank), T0.AddMinutes(1));
        var lone = Arrive(About("+8613900000018"), T0.AddMinutes(1));
        // Station 2 is nearer the new location than the jurisdiction post S1.
        var update = new WarningUpdate
        {
            UpdateId = "u-1", InstructionId = linked.InstructionId, OccurredAt = T0.AddMinutes(2),
            Location = new GeoPoint { Lat = S2.Lat, Lon = S2.Lon },
        };

        Assert.That(linked.RerouteFrom(update), Is.Null, "stays with the case's officer");
        Assert.That(lone.RerouteFrom(update with { InstructionId = lone.InstructionId }), Is.Not.Null,
            "an unacknowledged task about nobody else moves with the person");
    }

    [Test]
    public void Person_keys_are_keyed_hashes_that_reveal_no_number()
    {
        var subject = About("+8613900000016", "11010519491231002x").Subject;
        var keys = PersonKeys.Of(subject, Secret);
        var otherSecret = PersonKeys.Of(subject, "another key of at least thirty-two bytes"u8);

        Assert.That(keys.All, Has.All.Not.Contain("13900000016").And.All.Not.Contain("110105"));
        Assert.That(otherSecret.PhoneKey, Is.Not.EqualTo(keys.PhoneKey), "without the key nobody can rebuild them");
        Assert.That(PersonKeys.Of(subject with { IdNumber = "11010519491231002X" }, Secret).IdKey,
            Is.EqualTo(keys.IdKey), "the check character is compared upper-case");
        Assert.That(PersonKeys.Of(subject with { IdNumber = null }, Secret).IdKey, Is.Null);
    }

    void Resolve(DispatchTask task, DateTimeOffset at)
    {
        task.Acknowledge(Actor.Field(task.OfficerId!, task.OfficerId!), $"ack-{task.TaskId}", at);
        task.RecordOutcome(Actor.Field(task.OfficerId!, task.OfficerId!), $"out-{task.TaskId}", TaskOutcome.Dissuaded,
            null, at, FollowUp);
        _book.Update(task);
    }

    /// <summary>The store's side of linking, as both stores keep it: person keys, case members, a version.</summary>
    sealed class CaseBook
    {
        readonly Dictionary<string, string> _people = [];
        readonly Dictionary<string, (long Version, Dictionary<string, CaseMember> Members)> _cases = [];

        public (CaseView?, CaseView?) Find(PersonKeys keys) =>
            (View(keys.IdKey is null ? null : _people.GetValueOrDefault(keys.IdKey)),
                View(_people.GetValueOrDefault(keys.PhoneKey)));

        public IReadOnlyList<CaseWarning> Warnings(string caseId) => View(caseId)!.Warnings;

        public bool Commit(CaseLink link, DispatchTask task)
        {
            var version = _cases.TryGetValue(link.CaseId, out var c) ? c.Version : 0;
            if (link.Keys.Any(k => _people.GetValueOrDefault(k.Key) != k.Expected) || version != link.ExpectedVersion)
                return false;
            foreach (var k in link.Keys) _people[k.Key] = link.CaseId;
            var members = c.Members ?? [];
            members[task.TaskId] = task.ToCaseMember();
            _cases[link.CaseId] = (version + 1, members);
            return true;
        }

        public void Update(DispatchTask task) => _cases[task.CaseId!].Members[task.TaskId] = task.ToCaseMember();

        CaseView? View(string? caseId) => caseId is not null && _cases.TryGetValue(caseId, out var c)
            ? new CaseView(caseId, c.Version, c.Members.Values.ToList())
            : null;
    }
}
