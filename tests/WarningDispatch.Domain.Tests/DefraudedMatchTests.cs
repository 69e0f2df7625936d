using System.Text;
using WarningDispatch.Contracts;
using WarningDispatch.Domain.Cases;
using WarningDispatch.Domain.Tasks;
using static WarningDispatch.Domain.Tests.TestRegion;

namespace WarningDispatch.Domain.Tests;

/// <summary>
/// Which warnings a fraud report marks (INTERFACE.md §8): the same person by phone or id number (two different id
/// numbers on one phone are two people), issued within the window before the fraud, both ends included.
/// </summary>
public class DefraudedMatchTests
{
    static readonly byte[] Secret = Encoding.UTF8.GetBytes("test-secret");
    static readonly TimeSpan Window = TimeSpan.FromDays(30);
    static readonly DateTimeOffset Fraud = T0.AddDays(10);
    const string Phone = "+8613800000000";
    const string IdA = "11010519900307005X";
    const string IdB = "452723198805120013";

    static PersonKeys Task(string phone, string? id = null) =>
        PersonKeys.Of(new WarningSubject { Phone = phone, IdNumber = id }, Secret);

    static ReportKeys Report(string? phone, string? id = null) =>
        ReportKeys.Of(new FraudReportSubject { Phone = phone, IdNumber = id }, Secret);

    static bool Matches(ReportKeys report, PersonKeys task, DateTimeOffset? issuedAt = null) =>
        DefraudedMatch.Matches(report, task, issuedAt ?? Fraud.AddDays(-1), Fraud, Window);

    [Test]
    public void The_same_phone_matches() => Assert.That(Matches(Report(Phone), Task(Phone)), Is.True);

    [Test]
    public void The_same_id_number_matches_even_on_another_phone() =>
        Assert.That(Matches(Report("+8613900000000", IdA), Task(Phone, IdA)), Is.True);

    [Test]
    public void A_report_with_an_id_number_only_matches_by_it() =>
        Assert.That((Matches(Report(null, IdA), Task(Phone, IdA)), Matches(Report(null, IdA), Task(Phone))),
            Is.EqualTo((true, false)));

    [Test]
    public void The_same_phone_with_two_different_id_numbers_is_two_people() =>
        Assert.That(Matches(Report(Phone, IdB), Task(Phone, IdA)), Is.False);

    [Test]
    public void The_same_phone_matches_when_only_one_side_has_an_id_number() =>
        Assert.That((Matches(Report(Phone, IdA), Task(Phone)), Matches(Report(Phone), Task(Phone, IdA))),
            Is.EqualTo((true, true)));

    [Test]
    public void Another_person_does_not_match() =>
        Assert.That(Matches(Report("+8613900000000"), Task(Phone)), Is.False);

    [Test]
    public void Issued_exactly_the_window_before_the_fraud_matches_one_second_more_does_not() =>
        Assert.That((Matches(Report(Phone), Task(Phone), Fraud - Window),
                Matches(Report(Phone), Task(Phone), Fraud - Window - TimeSpan.FromSeconds(1))),
            Is.EqualTo((true, false)));

    [Test]
    public void Issued_after_the_fraud_does_not_match_issued_at_the_same_instant_does() =>
        Assert.That((Matches(Report(Phone), Task(Phone), Fraud.AddSeconds(1)),
                Matches(Report(Phone), Task(Phone), Fraud)),
            Is.EqualTo((false, true)));

    [Test]
    public void Marking_is_once_per_report_and_the_first_mark_stays()
    {
        var instruction = Instruction();
        var router = Router();
        var roster = new FakeRoster().OnDuty("S1", "A");
        var task = DispatchTask.Create("T1", instruction, T0.AddSeconds(20),
            new Escalation.EscalationPolicy().PlanFor(instruction, AreaType.Urban), router.Route(instruction.Subject,
                roster));
        task.TakeFeedback();
        var first = new DefraudedAfterWarning { ReportId = "FR-1", OccurredAt = Fraud, AmountLost = 52000m };
        var second = new DefraudedAfterWarning { ReportId = "FR-2", OccurredAt = Fraud.AddDays(1), AmountLost = 10m };

        var applied = task.MarkDefrauded(first, Actor.System, Fraud.AddHours(1));
        var again = task.MarkDefrauded(first with { AmountLost = 1m }, Actor.System, Fraud.AddHours(2));
        var other = task.MarkDefrauded(second, Actor.System, Fraud.AddDays(2));

        Assert.That((applied, again, other), Is.EqualTo((true, false, true)));
        Assert.That(task.DefraudedAfterWarning, Is.EqualTo(first));
        Assert.That(task.History.Count(h => h.Code == HistoryAction.DefraudedAfterWarning), Is.EqualTo(2));
        var feedback = task.TakeFeedback();
        Assert.That(feedback.Select(f => (f.Status, f.ReportId, f.AmountLost)), Is.EqualTo(new[]
        {
            (FeedbackStatus.DefraudedAfterWarning, "FR-1", (decimal?)52000m),
            (FeedbackStatus.DefraudedAfterWarning, "FR-2", (decimal?)10m),
        }));
        Assert.That(task.ToSnapshot(maskPersonalData: false).DefraudedAfterWarning, Is.EqualTo(first));
    }
}
