using System.Text;
using System.Text.Json.Nodes;
using WarningDispatch.Domain.Ingest;
using static WarningDispatch.Domain.Tests.TestRegion;

namespace WarningDispatch.Domain.Tests;

/// <summary>The fraud report's rules (INTERFACE.md §8), read like the instruction's: every broken rule at once.
/// </summary>
public class FraudReportParserTests
{
    static readonly DateTimeOffset Now = T0.AddDays(3);
    /// <summary>Checksum-valid (GB 11643), born 1990-03-07.</summary>
    const string IdNumber = "11010519900307005X";

    static JsonObject Valid() => new()
    {
        ["reportId"] = "FR-20261124-0001",
        ["reportedAt"] = "2026-11-24T08:00:00+08:00",
        ["occurredAt"] = "2026-11-23T20:30:00+08:00",
        ["subject"] = new JsonObject { ["phone"] = "+8613800000000", ["idNumber"] = IdNumber, ["name"] = "罗某某" },
        ["amountLost"] = 52000.5,
        ["fraudType"] = "ImpersonatingPolice",
    };

    static FraudReportParseResult ParseWith(Action<JsonObject> change)
    {
        var o = Valid();
        change(o);
        return FraudReportParser.Parse(Encoding.UTF8.GetBytes(o.ToJsonString()), Now);
    }

    static string[] Fields(FraudReportParseResult result) => result.Errors.Select(e => e.Field).ToArray();

    [Test]
    public void A_valid_report_is_read_exactly()
    {
        var result = ParseWith(_ => { });

        Assert.That(result.Errors, Is.Empty);
        var r = result.Report!;
        Assert.That(r.ReportId, Is.EqualTo("FR-20261124-0001"));
        Assert.That((r.ReportedAt, r.OccurredAt), Is.EqualTo((T0.AddDays(3).AddMinutes(-15),
            new DateTimeOffset(2026, 11, 23, 20, 30, 0, TimeSpan.FromHours(8)))));
        Assert.That((r.Subject.Phone, r.Subject.IdNumber, r.Subject.Name),
            Is.EqualTo(("+8613800000000", IdNumber, "罗某某")));
        Assert.That((r.AmountLost, r.FraudType), Is.EqualTo((52000.5m, "ImpersonatingPolice")));
    }

    [Test]
    public void A_phone_alone_or_an_id_number_alone_names_the_person()
    {
        var phoneOnly = ParseWith(o => o["subject"] = new JsonObject { ["phone"] = "+8613800000000" });
        var idOnly = ParseWith(o => o["subject"] = new JsonObject { ["idNumber"] = IdNumber.ToLowerInvariant() });

        Assert.That(phoneOnly.Errors, Is.Empty);
        Assert.That(idOnly.Errors, Is.Empty);
        Assert.That(idOnly.Report!.Subject.IdNumber, Is.EqualTo(IdNumber), "a typed x is kept as X");
    }

    [Test]
    public void Neither_phone_nor_id_number_is_refused() =>
        Assert.That(Fields(ParseWith(o => o["subject"] = new JsonObject { ["name"] = "罗某某" })),
            Is.EqualTo(new[] { "subject.phone" }));

    static IEnumerable<TestCaseData> BrokenRules()
    {
        TestCaseData Case(string field, string rule, Action<JsonObject> change) =>
            new TestCaseData(field, change).SetName($"{field}: {rule}");
        yield return Case("reportId", "required", o => o.Remove("reportId"));
        yield return Case("reportId", "too long", o => o["reportId"] = new string('R', 65));
        yield return Case("reportId", "bidi control", o => o["reportId"] = "FR-\u202e1");
        yield return Case("reportId", "a number", o => o["reportId"] = 17);
        yield return Case("reportedAt", "no offset", o => o["reportedAt"] = "2026-11-24T08:00:00");
        yield return Case("reportedAt", "in the future", o => o["reportedAt"] = "2026-11-24T09:00:00+08:00");
        yield return Case("occurredAt", "required", o => o.Remove("occurredAt"));
        yield return Case("occurredAt", "after reportedAt", o => o["occurredAt"] = "2026-11-24T08:00:01+08:00");
        yield return Case("subject", "required", o => o.Remove("subject"));
        yield return Case("subject", "not an object", o => o["subject"] = "+8613800000000");
        yield return Case("subject.phone", "not E.164", o => o["subject"]!["phone"] = "13800000000");
        yield return Case("subject.idNumber", "checksum", o => o["subject"]!["idNumber"] = "110105199003070010");
        yield return Case("subject.idNumber", "birth date", o => o["subject"]!["idNumber"] = "11010519900230001X");
        yield return Case("subject.name", "too long", o => o["subject"]!["name"] = new string('罗', 65));
        yield return Case("subject.name", "zero-width", o => o["subject"]!["name"] = "罗\u200b某");
        yield return Case("amountLost", "required", o => o.Remove("amountLost"));
        yield return Case("amountLost", "negative", o => o["amountLost"] = -1);
        yield return Case("amountLost", "a string", o => o["amountLost"] = "52000");
        yield return Case("amountLost", "NaN as text", o => o["amountLost"] = "NaN");
        yield return Case("amountLost", "absurdly large", o => o["amountLost"] = 1e15);
        yield return Case("fraudType", "too long", o => o["fraudType"] = new string('x', 65));
        yield return Case("amountLoss", "unknown key", o => o["amountLoss"] = 1);
        yield return Case("subject.idNumbr", "unknown key in subject", o => o["subject"]!["idNumbr"] = IdNumber);
        yield return Case("subject", "unknown key that is no identifier", o => o["subject"]!["电话"] = "x");
    }

    [TestCaseSource(nameof(BrokenRules))]
    public void Each_rule_is_reported_at_its_field(string field, Action<JsonObject> change)
    {
        var result = ParseWith(change);

        Assert.That(result.IsValid, Is.False);
        Assert.That(Fields(result), Does.Contain(field));
        Assert.That(result.Errors.Select(e => e.Message), Has.All.Match(@"^[\u4e00-\u9fa5].*\([a-z]"),
            "zh-CN first, then English");
    }

    [Test]
    public void Every_broken_rule_is_reported_at_once_without_echoing_values()
    {
        var result = ParseWith(o =>
        {
            o["reportedAt"] = "yesterday";
            o["occurredAt"] = "2026-11-25T08:00:00+08:00";
            o["subject"]!["phone"] = "+86 139 2468 1357";
            o["subject"]!["idNumber"] = "110105199003070010";
            o["amountLost"] = -5;
            o["extra"] = "罗某某的秘密";
        });

        Assert.That(Fields(result), Is.EquivalentTo(new[]
            { "reportedAt", "occurredAt", "subject.phone", "subject.idNumber", "amountLost", "extra" }));
        Assert.That(result.ReportId, Is.EqualTo("FR-20261124-0001"), "so the rejection names the report");
        Assert.That(string.Join(" ", result.Errors), Does.Not.Contain("2468").And.Not.Contain("秘密"));
    }

    [TestCase("{\"reportId\":\"A\",\"reportId\":\"B\"}", "$")]
    [TestCase("[1,2]", "$")]
    [TestCase("{\"reportId\":\"FR-1\",", "$")]
    public void A_body_that_is_no_single_object_is_refused_as_a_whole(string json, string field)
    {
        var result = FraudReportParser.Parse(Encoding.UTF8.GetBytes(json), Now);

        Assert.That(Fields(result), Is.EqualTo(new[] { field }));
    }

    [Test]
    public void Bytes_that_are_not_utf8_are_refused_without_a_throw()
    {
        var bytes = Encoding.UTF8.GetBytes(Valid().ToJsonString()).Concat(new byte[] { 0xff, 0xfe }).ToArray();

        var result = FraudReportParser.Parse(bytes, Now);

        Assert.That(result.Errors.Single().Message, Does.Contain("UTF-8"));
        Assert.That(result.ReportId, Is.EqualTo("FR-20261124-0001"));
    }
}
