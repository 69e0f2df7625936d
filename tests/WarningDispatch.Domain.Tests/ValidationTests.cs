using System.Text;
using System.Text.Json.Nodes;
using WarningDispatch.Contracts;
using WarningDispatch.Domain.Ingest;

namespace WarningDispatch.Domain.Tests;

/// <summary>Every rule of INTERFACE.md has a failing case, and the error names the field.</summary>
public class ValidationTests
{
    static readonly DateTimeOffset Now = new(2026, 11, 21, 0, 20, 0, TimeSpan.Zero);

    public const string InterfaceExample = """
    {
      "instructionId": "GX-20261121-000123",
      "source": "NationalCenter",
      "kind": "FundTransfer",
      "riskLevel": "High",
      "fraudType": "ImpersonatingPolice",
      "issuedAt": "2026-11-21T08:15:00+08:00",
      "subject": {
        "name": "Luo",
        "phone": "+8613800000000",
        "address": "Fengshan County, Hechi, Guangxi",
        "location": { "lat": 24.546, "lon": 107.042 },
        "regionCode": "451223"
      },
      "context": {
        "onCallNow": true,
        "counterpartNumber": "+85200000000",
        "amountAtRisk": 52000.00,
        "note": "long call with a known fraud number"
      }
    }
    """;

    static ParseResult ParseWith(Action<JsonObject> change)
    {
        var json = JsonNode.Parse(InterfaceExample)!.AsObject();
        change(json);
        return InstructionParser.Parse(Encoding.UTF8.GetBytes(json.ToJsonString()), Now);
    }

    static JsonObject Subject(JsonObject o) => o["subject"]!.AsObject();

    /// <summary>A valid resident identity number (GB 11643 check digit 3), born 1980-01-01, region 451223.</summary>
    const string ValidId = "451223198001010013";

    static JsonArray Contacts(int count) =>
        new([.. Enumerable.Range(0, count).Select(i => (JsonNode)new JsonObject
        {
            ["name"] = $"亲属{i}", ["phone"] = $"+861390000000{i}", ["relation"] = "儿子",
        })]);

    static JsonArray WithContact(int index, Action<JsonObject> change)
    {
        var list = Contacts(2);
        change(list[index]!.AsObject());
        return list;
    }

    [Test]
    public void The_interface_example_is_valid_and_read_exactly()
    {
        var result = InstructionParser.Parse(Encoding.UTF8.GetBytes(InterfaceExample), Now);

        Assert.That(result.Errors, Is.Empty);
        var i = result.Instruction!;
        Assert.That((i.InstructionId, i.Source, i.Kind, i.RiskLevel),
            Is.EqualTo(("GX-20261121-000123", InstructionSource.NationalCenter,
                InstructionKind.FundTransfer, RiskLevel.High)));
        Assert.That(i.IssuedAt, Is.EqualTo(new DateTimeOffset(2026, 11, 21, 0, 15, 0, TimeSpan.Zero)));
        Assert.That(i.IssuedAt.Offset, Is.EqualTo(TimeSpan.FromHours(8)));
        Assert.That((i.Subject.Location!.Lat, i.Subject.RegionCode, i.Context!.AmountAtRisk, i.Context.OnCallNow),
            Is.EqualTo((24.546, "451223", 52000.00m, (bool?)true)));
    }

    static IEnumerable<TestCaseData> BrokenRules()
    {
        TestCaseData Case(string field, string name, Action<JsonObject> change)
            => new TestCaseData(field, change).SetName($"{field}: {name}");
        yield return Case("instructionId", "missing", o => o.Remove("instructionId"));
        yield return Case("instructionId", "empty", o => o["instructionId"] = "");
        yield return Case("instructionId", "65 characters", o => o["instructionId"] = new string('x', 65));
        yield return Case("instructionId", "control character", o => o["instructionId"] = "GX-\u0007-1");
        yield return Case("instructionId", "a number", o => o["instructionId"] = 123);
        yield return Case("source", "missing", o => o.Remove("source"));
        yield return Case("source", "unknown value", o => o["source"] = "Police");
        yield return Case("kind", "unknown value", o => o["kind"] = "Phishing");
        yield return Case("riskLevel", "unknown value", o => o["riskLevel"] = "Critical");
        yield return Case("riskLevel", "missing", o => o.Remove("riskLevel"));
        yield return Case("fraudType", "65 characters", o => o["fraudType"] = new string('f', 65));
        yield return Case("issuedAt", "missing", o => o.Remove("issuedAt"));
        yield return Case("issuedAt", "no offset", o => o["issuedAt"] = "2026-11-21T08:15:00");
        yield return Case("issuedAt", "not a date", o => o["issuedAt"] = "yesterday");
        yield return Case("issuedAt", "6 minutes in the future",
            o => o["issuedAt"] = Now.AddMinutes(6).ToString("yyyy-MM-ddTHH:mm:sszzz"));
        yield return Case("subject", "missing", o => o.Remove("subject"));
        yield return Case("subject.phone", "missing", o => Subject(o).Remove("phone"));
        yield return Case("subject.phone", "not E.164", o => Subject(o)["phone"] = "13800000000");
        yield return Case("subject.phone", "dashes", o => Subject(o)["phone"] = "+86-138-0000-0000");
        yield return Case("subject.location", "neither location nor regionCode",
            o => { Subject(o).Remove("location"); Subject(o).Remove("regionCode"); });
        yield return Case("subject.location.lat", "above 90", o => Subject(o)["location"]!["lat"] = 90.5);
        yield return Case("subject.location.lat", "below -90", o => Subject(o)["location"]!["lat"] = -91);
        yield return Case("subject.location.lon", "above 180", o => Subject(o)["location"]!["lon"] = 181);
        yield return Case("subject.location.lon", "below -180", o => Subject(o)["location"]!["lon"] = -180.01);
        yield return Case("subject.location.lat", "a string", o => Subject(o)["location"]!["lat"] = "24.5");
        yield return Case("subject.regionCode", "5 digits", o => Subject(o)["regionCode"] = "45122");
        yield return Case("subject.regionCode", "letters", o => Subject(o)["regionCode"] = "45122A");
        yield return Case("subject.idNumber", "17 characters", o => Subject(o)["idNumber"] = ValidId[..17]);
        yield return Case("subject.idNumber", "19 characters", o => Subject(o)["idNumber"] = ValidId + "1");
        yield return Case("subject.idNumber", "wrong check digit", o => Subject(o)["idNumber"] = ValidId[..17] + "4");
        yield return Case("subject.idNumber", "X where a digit is due",
            o => Subject(o)["idNumber"] = ValidId[..17] + "X");
        yield return Case("subject.idNumber", "a letter inside", o => Subject(o)["idNumber"] = "4512231980010100A3");
        yield return Case("subject.idNumber", "full-width digits",
            o => Subject(o)["idNumber"] = "４５１２２３198001010013");
        yield return Case("subject.idNumber", "trailing line break", o => Subject(o)["idNumber"] = ValidId + "\n");
        yield return Case("subject.idNumber", "a number", o => Subject(o)["idNumber"] = 451223198001010013);
        yield return Case("subject.idNumber", "30 February, checksum right",
            o => Subject(o)["idNumber"] = "451223198002300012");
        yield return Case("subject.idNumber", "born 1899, checksum right",
            o => Subject(o)["idNumber"] = "451223189912310012");
        yield return Case("subject.contacts", "an object", o => Subject(o)["contacts"] = new JsonObject());
        yield return Case("subject.contacts", "nine contacts", o => Subject(o)["contacts"] = Contacts(9));
        yield return Case("subject.contacts[0]", "a string",
            o => Subject(o)["contacts"] = new JsonArray("+8613900000000"));
        yield return Case("subject.contacts[1].phone", "missing",
            o => Subject(o)["contacts"] = WithContact(1, c => c.Remove("phone")));
        yield return Case("subject.contacts[1].phone", "not E.164",
            o => Subject(o)["contacts"] = WithContact(1, c => c["phone"] = "13900000000"));
        yield return Case("subject.contacts[0].phone", "full-width digit",
            o => Subject(o)["contacts"] = WithContact(0, c => c["phone"] = "+8６13900000000"));
        yield return Case("subject.contacts[0].name", "65 characters",
            o => Subject(o)["contacts"] = WithContact(0, c => c["name"] = new string('n', 65)));
        yield return Case("subject.contacts[0].name", "bidi override",
            o => Subject(o)["contacts"] = WithContact(0, c => c["name"] = "罗\u202E某"));
        yield return Case("subject.contacts[1].relation", "zero-width space",
            o => Subject(o)["contacts"] = WithContact(1, c => c["relation"] = "儿\u200B子"));
        yield return Case("subject.contacts[1].relation", "a number",
            o => Subject(o)["contacts"] = WithContact(1, c => c["relation"] = 2));
        yield return Case("context.amountAtRisk", "negative", o => o["context"]!["amountAtRisk"] = -0.01);
        yield return Case("context.amountAtRisk", "a string", o => o["context"]!["amountAtRisk"] = "52000");
    }

    [TestCaseSource(nameof(BrokenRules))]
    public void A_broken_rule_is_rejected_naming_the_field(string field, Action<JsonObject> change)
    {
        var result = ParseWith(change);

        Assert.That(result.IsValid, Is.False);
        Assert.That(result.Errors.Select(e => e.Field), Is.EqualTo(new[] { field }), string.Join("; ", result.Errors));
    }

    [Test]
    public void Edge_values_that_the_rules_allow_are_accepted()
    {
        Assert.That(ParseWith(o => o["issuedAt"] = Now.AddMinutes(5).ToString("yyyy-MM-ddTHH:mm:sszzz")).Errors,
            Is.Empty);
        Assert.That(ParseWith(o => o["instructionId"] = new string('x', 64)).Errors, Is.Empty);
        Assert.That(ParseWith(o => Subject(o).Remove("location")).Errors, Is.Empty, "regionCode alone is enough");
        Assert.That(ParseWith(o => Subject(o).Remove("regionCode")).Errors, Is.Empty, "location alone is enough");
        Assert.That(ParseWith(o => { o.Remove("context"); o.Remove("fraudType"); }).Errors, Is.Empty);
        Assert.That(ParseWith(o => o["context"]!["amountAtRisk"] = 0).Errors, Is.Empty);
        Assert.That(ParseWith(o => o["issuedAt"] = "2026-11-21T00:15:00Z").Errors, Is.Empty);
    }

    [Test]
    public void All_broken_rules_are_reported_at_once()
    {
        var result = ParseWith(o =>
        {
            o["source"] = "Police";
            o["riskLevel"] = "Critical";
            o["issuedAt"] = "2026-11-21 08:15";
            Subject(o)["phone"] = "12345";
            Subject(o)["regionCode"] = "1";
        });

        Assert.That(result.Errors.Select(e => e.Field),
            Is.EquivalentTo(new[] { "source", "riskLevel", "issuedAt", "subject.phone", "subject.regionCode" }));
        Assert.That(result.InstructionId, Is.EqualTo("GX-20261121-000123"),
            "kept so the Rejected feedback can name the instruction");
    }

    [TestCase("451223198001010013", "451223198001010013")]
    [TestCase("11010519491231002X", "11010519491231002X")]
    [TestCase("11010519491231002x", "11010519491231002X")]
    public void A_valid_id_number_is_kept_with_an_upper_case_check_character(string sent, string kept)
    {
        var result = ParseWith(o => Subject(o)["idNumber"] = sent);

        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.Instruction!.Subject.IdNumber, Is.EqualTo(kept));
    }

    [Test]
    public void Eight_contacts_are_read_in_order_with_name_phone_and_relation()
    {
        var result = ParseWith(o => Subject(o)["contacts"] = Contacts(8));

        Assert.That(result.Errors, Is.Empty);
        var contacts = result.Instruction!.Subject.Contacts!;
        Assert.That(contacts, Has.Count.EqualTo(8));
        Assert.That((contacts[7].Name, contacts[7].Phone, contacts[7].Relation),
            Is.EqualTo(("亲属7", "+8613900000007", "儿子")));
        Assert.That(ParseWith(o => Subject(o)["contacts"] =
                new JsonArray(new JsonObject { ["phone"] = "+8613900000000" })).Errors,
            Is.Empty, "name and relation are optional");
    }

    [Test]
    public void Every_broken_rule_of_the_id_number_and_every_contact_is_reported_at_once_without_the_values()
    {
        var contacts = Contacts(9);
        contacts[2]!["phone"] = "+86 139 0000 0002";
        contacts[2]!["name"] = "罗\u202E某";
        contacts[5]!.AsObject().Remove("phone");
        var result = ParseWith(o =>
        {
            Subject(o)["idNumber"] = "451223198002300013"; // 30 February and a wrong check digit
            Subject(o)["contacts"] = contacts;
        });

        Assert.That(result.Errors.Select(e => e.Field), Is.EquivalentTo(new[]
        {
            "subject.idNumber", "subject.idNumber", "subject.contacts", "subject.contacts[2].name",
            "subject.contacts[2].phone", "subject.contacts[5].phone",
        }), string.Join("; ", result.Errors));
        var text = string.Join("; ", result.Errors.Select(e => e.ToString()));
        Assert.That(text, Does.Not.Contain("4512231980023").And.Not.Contain("139 0000").And.Not.Contain("罗"));
    }

    [Test]
    public void A_typed_instruction_with_broken_contacts_is_checked_by_the_same_rules()
    {
        var valid = ParseWith(_ => { }).Instruction!;
        var typed = valid with
        {
            IssuedAt = Now.AddMinutes(-5),
            Subject = valid.Subject with
            {
                IdNumber = "451223198001010014",
                Contacts = [new ContactPerson { Phone = "+8613900000000" },
                    new ContactPerson { Phone = "139", Relation = "妻子" }],
            },
        };

        var result = InstructionParser.Validate(typed, Now, InstructionParser.DefaultMaxAge);

        Assert.That(result.Errors.Select(e => e.Field),
            Is.EquivalentTo(new[] { "subject.idNumber", "subject.contacts[1].phone" }));
    }

    [TestCase("not json at all")]
    [TestCase("[1, 2, 3]")]
    [TestCase("")]
    public void A_body_that_is_not_a_json_object_is_rejected_as_a_whole(string body)
    {
        var result = InstructionParser.Parse(Encoding.UTF8.GetBytes(body), Now);

        Assert.That(result.Errors.Single().Field, Is.EqualTo("$"));
    }

    [Test]
    public void A_broken_json_body_is_located_without_quoting_it()
    {
        var result = InstructionParser.Parse(Encoding.UTF8.GetBytes("{\"subject\": {\"phone\": +8613912345678}}"), Now);

        Assert.That(result.Errors.Single().Message, Does.Contain("not valid JSON: line 1").And.Not.Contain("1391234"));
    }

    [Test]
    public void Rule_messages_never_echo_the_submitted_personal_data()
    {
        var result = ParseWith(o => Subject(o)["phone"] = "138 1234 5678");

        Assert.That(result.Errors.Single().ToString(), Does.Not.Contain("1234"));
    }

    [Test]
    public void A_full_width_instruction_id_is_the_same_instruction_as_its_ascii_form()
    {
        var result = ParseWith(o => o["instructionId"] = "ＧＸ-20261121-000123");

        Assert.That(result.Instruction!.InstructionId, Is.EqualTo("GX-20261121-000123"));
    }

    [Test]
    public void An_id_with_an_invisible_character_is_rejected_but_still_named_as_sent()
    {
        var result = ParseWith(o => o["instructionId"] = "GX-1\u200b");

        Assert.That(result.Errors.Single().Field, Is.EqualTo("instructionId"));
        Assert.That(result.InstructionId, Is.EqualTo("GX-1\u200b"),
            "upstream finds its own id in the Rejected feedback");
    }

    [Test]
    public void The_stale_rule_allows_exactly_the_maximum_age_and_no_more()
    {
        var issued = new DateTimeOffset(2026, 11, 21, 8, 15, 0, TimeSpan.FromHours(8));
        var body = Encoding.UTF8.GetBytes(InterfaceExample);

        Assert.That(InstructionParser.Parse(body, issued + InstructionParser.DefaultMaxAge).Errors, Is.Empty);
        var late = InstructionParser.Parse(body, issued + InstructionParser.DefaultMaxAge + TimeSpan.FromSeconds(1));
        Assert.That(late.Errors.Single().Field, Is.EqualTo("issuedAt"));
        Assert.That(InstructionParser.Parse(body, issued + TimeSpan.FromHours(20), TimeSpan.FromDays(1)).Errors,
            Is.Empty, "the maximum age is configurable");
    }

    [Test]
    public void A_lone_surrogate_is_located_at_its_field_and_the_id_before_it_is_kept()
    {
        var json = InterfaceExample.Replace("\"Luo\"", "\"\\ud800x\"");

        var result = InstructionParser.Parse(Encoding.UTF8.GetBytes(json), Now);

        Assert.That(result.Errors.Single().Field, Is.EqualTo("subject.name"));
        Assert.That(result.InstructionId, Is.EqualTo("GX-20261121-000123"));
    }

    [Test]
    public void A_duplicate_key_is_refused_rather_than_resolved_one_way_or_the_other()
    {
        var json = InterfaceExample.Replace("\"riskLevel\": \"High\",",
            "\"riskLevel\": \"High\", \"riskLevel\": \"Low\",");

        Assert.That(InstructionParser.Parse(Encoding.UTF8.GetBytes(json), Now).Errors.Single().Field, Is.EqualTo("$"));
    }
}
