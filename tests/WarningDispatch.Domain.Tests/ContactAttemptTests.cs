using System.Text.Json;
using WarningDispatch.Contracts;
using WarningDispatch.Domain.Escalation;
using WarningDispatch.Domain.Ingest;
using WarningDispatch.Domain.Tasks;
using static WarningDispatch.Domain.Tests.TestRegion;

namespace WarningDispatch.Domain.Tests;

/// <summary>Reaching the person: each call recorded, and failing calls sending the task to a home visit.</summary>
public class ContactAttemptTests
{
    static readonly ContactPolicy Policy = new();
    static readonly Actor OfficerA = Actor.Field("a", "A");
    static readonly Actor OfficerB = Actor.Field("b", "B");
    static readonly DateTimeOffset Now = T0.AddMinutes(2);
    int _ids;

    string Id() => $"action-{++_ids}";

    /// <summary>Acknowledged by officer A: the phone warning runs.</summary>
    static DispatchTask PhoneWarning(bool? onCallNow = null, RiskLevel risk = RiskLevel.Medium)
    {
        var instruction = Instruction(risk, onCallNow: onCallNow);
        instruction = instruction with
        {
            Subject = instruction.Subject with
            {
                Contacts =
                [
                    new ContactPerson { Name = "罗大", Phone = "+8613900000001", Relation = "儿子" },
                    new ContactPerson { Phone = "+8613900000002" },
                ],
            },
        };
        var roster = new FakeRoster().OnDuty("S1", "A");
        var task = DispatchTask.Create("T1", instruction, T0.AddSeconds(20),
            new EscalationPolicy().PlanFor(instruction, AreaType.Urban), Router().Route(instruction.Subject, roster));
        Assert.That(task.Acknowledge(OfficerA, "ack", T0.AddMinutes(1)).Changed, Is.True);
        return task;
    }

    [Test]
    public void An_attempt_is_recorded_with_who_and_result_and_no_number_or_name_in_the_history()
    {
        var task = PhoneWarning();
        var version = task.Version;

        var result = task.RecordAttempt(OfficerA, Id(), 0, AttemptResult.NoAnswer, Policy, Now);

        Assert.That(result.Status, Is.EqualTo(ActionStatus.Applied));
        Assert.That(task.Version, Is.EqualTo(version + 1));
        Assert.That(task.Status, Is.EqualTo(DispatchStatus.PhoneWarning), "one failed call is not yet a home visit");
        var attempt = task.ToSnapshot(false).Attempts.Single();
        Assert.That((attempt.At, attempt.Contact, attempt.Result, attempt.OfficerId),
            Is.EqualTo((Now, (int?)0, AttemptResult.NoAnswer, "A")));
        var step = task.History[^1];
        Assert.That(step.Code, Is.EqualTo(HistoryAction.ContactAttempted));
        Assert.That(step.Parameters, Is.EqualTo(new Dictionary<string, string>
        {
            ["contact"] = "0", ["relation"] = "儿子", ["result"] = "NoAnswer",
        }));
        var said = step.Detail + string.Join(",", step.Parameters.Values);
        Assert.That(said, Does.Not.Contain("13900000001").And.Not.Contain("罗大"));
    }

    [Test]
    public void The_third_failed_attempt_sends_the_task_to_a_home_visit_with_the_count()
    {
        var task = PhoneWarning();

        task.RecordAttempt(OfficerA, Id(), null, AttemptResult.NoAnswer, Policy, Now);
        task.RecordAttempt(OfficerA, Id(), 0, AttemptResult.PoweredOff, Policy, Now.AddSeconds(30));
        Assert.That(task.Status, Is.EqualTo(DispatchStatus.PhoneWarning));
        task.RecordAttempt(OfficerA, Id(), 1, AttemptResult.InvalidNumber, Policy, Now.AddSeconds(60));

        Assert.That(task.Status, Is.EqualTo(DispatchStatus.HomeVisit));
        var visit = task.History[^1];
        Assert.That(visit.Code, Is.EqualTo(HistoryAction.HomeVisit));
        Assert.That(visit.Reasons.Single().Code, Is.EqualTo(ReasonCode.AttemptsFailed));
        Assert.That(visit.Reasons.Single().Parameters["count"], Is.EqualTo("3"));
        Assert.That(task.TakeFeedback().Select(f => f.Status), Does.Contain(FeedbackStatus.Escalated));
    }

    [Test]
    public void The_number_of_failed_attempts_comes_from_the_policy()
    {
        var task = PhoneWarning();

        task.RecordAttempt(OfficerA, Id(), 0, AttemptResult.Busy,
            new ContactPolicy { FailedAttemptsBeforeVisit = 1 }, Now);

        Assert.That(task.Status, Is.EqualTo(DispatchStatus.HomeVisit));
    }

    [Test]
    public void Reached_does_not_count_as_failed_and_does_not_resolve_the_task()
    {
        var task = PhoneWarning();

        task.RecordAttempt(OfficerA, Id(), null, AttemptResult.NoAnswer, Policy, Now);
        task.RecordAttempt(OfficerA, Id(), 0, AttemptResult.Reached, Policy, Now);
        task.RecordAttempt(OfficerA, Id(), 1, AttemptResult.Reached, Policy, Now);
        task.RecordAttempt(OfficerA, Id(), 0, AttemptResult.Busy, Policy, Now);

        Assert.That(task.Status, Is.EqualTo(DispatchStatus.PhoneWarning));
        Assert.That((task.Attempts.Count, task.FailedAttempts), Is.EqualTo((4, 2)));
        Assert.That(task.AllowedActions(OfficerA), Does.Contain(TaskAction.Attempt).And.Contain(TaskAction.CallResult));
    }

    [Test]
    public void The_persons_line_busy_while_on_call_sends_the_task_to_a_home_visit_at_once()
    {
        var task = PhoneWarning(onCallNow: true);

        task.RecordAttempt(OfficerA, Id(), null, AttemptResult.Busy, Policy, Now);

        Assert.That(task.Status, Is.EqualTo(DispatchStatus.HomeVisit));
        Assert.That(task.History[^1].Reasons.Single().Code, Is.EqualTo(ReasonCode.BusyWhileOnCall));
    }

    [Test]
    public void A_busy_contact_or_a_busy_person_not_on_a_call_is_only_one_failed_attempt()
    {
        var onCall = PhoneWarning(onCallNow: true);
        onCall.RecordAttempt(OfficerA, Id(), 0, AttemptResult.Busy, Policy, Now);
        var notOnCall = PhoneWarning(onCallNow: false);
        notOnCall.RecordAttempt(OfficerA, Id(), null, AttemptResult.Busy, Policy, Now);

        Assert.That((onCall.Status, notOnCall.Status),
            Is.EqualTo((DispatchStatus.PhoneWarning, DispatchStatus.PhoneWarning)));
    }

    [Test]
    public void During_the_home_visit_calls_are_recorded_until_the_officer_is_on_scene()
    {
        var task = PhoneWarning(onCallNow: true);
        task.RecordAttempt(OfficerA, Id(), null, AttemptResult.Busy, Policy, Now);
        var steps = task.History.Count;

        Assert.That(task.RecordAttempt(OfficerA, Id(), 0, AttemptResult.NoAnswer, Policy, Now).Changed, Is.True);
        Assert.That(task.History.Count, Is.EqualTo(steps + 1), "no second home-visit step");
        task.ArriveOnScene(OfficerA, Id(), Now.AddMinutes(20));

        var refused = task.RecordAttempt(OfficerA, Id(), 0, AttemptResult.NoAnswer, Policy, Now.AddMinutes(21));
        Assert.That((refused.Status, refused.Refusal!.Code),
            Is.EqualTo((ActionStatus.NotAllowed, ProblemCode.AlreadyOnScene)));
        Assert.That(task.AllowedActions(OfficerA), Does.Not.Contain(TaskAction.Attempt));
    }

    [Test]
    public void No_attempt_before_the_task_is_acknowledged()
    {
        var instruction = Instruction();
        var task = DispatchTask.Create("T1", instruction, T0,
            new EscalationPolicy().PlanFor(instruction, AreaType.Urban),
            Router().Route(instruction.Subject, new FakeRoster().OnDuty("S1", "A")));

        var refused = task.RecordAttempt(OfficerA, Id(), null, AttemptResult.NoAnswer, Policy, Now);

        Assert.That((refused.Status, refused.Refusal!.Code),
            Is.EqualTo((ActionStatus.NotAllowed, ProblemCode.NoPhoneWarning)));
        Assert.That(task.AllowedActions(OfficerA), Does.Not.Contain(TaskAction.Attempt));
    }

    [TestCase(2)]
    [TestCase(-1)]
    public void A_contact_the_task_does_not_have_is_refused_naming_the_field(int contact)
    {
        var task = PhoneWarning();

        var refused = task.RecordAttempt(OfficerA, Id(), contact, AttemptResult.NoAnswer, Policy, Now);

        Assert.That((refused.Status, refused.Field, refused.Refusal!.Code),
            Is.EqualTo((ActionStatus.Invalid, "contact", ProblemCode.UnknownContact)));
        Assert.That(refused.Refusal.Parameters["count"], Is.EqualTo("2"));
        Assert.That(task.Attempts, Is.Empty);
    }

    [Test]
    public void Another_officer_may_not_record_an_attempt_nor_learn_the_task_s_contacts()
    {
        var task = PhoneWarning();

        Assert.That(task.RecordAttempt(OfficerB, Id(), 5, AttemptResult.NoAnswer, Policy, Now).Status,
            Is.EqualTo(ActionStatus.Forbidden));
    }

    [Test]
    public void The_same_action_id_applies_once_and_another_payload_under_it_is_refused()
    {
        var task = PhoneWarning();
        task.RecordAttempt(OfficerA, "same", 0, AttemptResult.NoAnswer, Policy, Now);
        var version = task.Version;

        var again = task.RecordAttempt(OfficerA, "same", 0, AttemptResult.NoAnswer, Policy, Now.AddSeconds(5));
        var other = task.RecordAttempt(OfficerA, "same", 1, AttemptResult.NoAnswer, Policy, Now.AddSeconds(5));

        Assert.That((again.Status, other.Status),
            Is.EqualTo((ActionStatus.AlreadyApplied, ActionStatus.ActionIdReused)));
        Assert.That((task.Version, task.Attempts.Count), Is.EqualTo((version, 1)));
    }

    [Test]
    public void Attempts_and_their_action_ids_survive_the_store()
    {
        var task = PhoneWarning();
        task.RecordAttempt(OfficerA, "kept", 1, AttemptResult.Busy, Policy, Now);

        var stored = JsonSerializer.Deserialize<DispatchTask>(
            JsonSerializer.Serialize(task, WireFormat.Options), WireFormat.Options)!;

        Assert.That(stored.Attempts, Is.EqualTo(task.Attempts));
        Assert.That(stored.RecordAttempt(OfficerA, "kept", 1, AttemptResult.Busy, Policy, Now).Status,
            Is.EqualTo(ActionStatus.AlreadyApplied));
    }

    [Test]
    public void A_viewer_without_personal_data_rights_sees_no_id_digits_and_no_contact_name_or_number()
    {
        var task = PhoneWarning();
        var withId = task.ToSnapshot(false) with
        {
            Subject = task.ToSnapshot(false).Subject with { IdNumber = "451223198001010013" },
        };

        var masked = PersonalData.Mask(withId);

        Assert.That(masked.Subject.IdNumber, Does.Not.Match("[0-9]"));
        Assert.That(masked.Subject.Contacts!.Select(c => (c.Name, c.Phone, c.Relation)), Is.EqualTo(new[]
        {
            ("***", "***", "儿子"), ((string?)null, "***", (string?)null),
        }));
    }
}
