using System.Text;
using System.Text.Json.Nodes;
using WarningDispatch.Domain.Ingest;
using static WarningDispatch.Domain.Tests.TestRegion;

namespace WarningDispatch.Domain.Tests;

/// <summary>The update's rules (INTERFACE.md §7), read like the instruction's: every broken rule at once.</summary>
public class UpdateParserTests
{
    static readonly DateTimeOffset Now = T0.AddMinutes(10);

    static JsonObject Valid() => new()
    {
        ["updateId"] = "U-1",
        ["instructionId"] = "GX-20261121-000123",
        ["occurredAt"] = "2026-11-21T08:20:00+08:00",
        ["location"] = new JsonObject { ["lat"] = 24.546, ["lon"] = 107.082 },
        ["address"] = "金城江区某宾馆",
        ["onCallNow"] = false,
        ["amountAtRisk"] = 80000,
        ["note"] = "line one\nline two",
    };

    static UpdateParseResult ParseWith(Action<JsonObject> change)
    {
        var o = Valid();
        change(o);
        return UpdateParser.Parse(Encoding.UTF8.GetBytes(o.ToJsonString()), Now);
    }

    [Test]
    public void A_valid_update_is_read_exactly()
    {
        var result = ParseWith(_ => { });

        Assert.That(result.Errors, Is.Empty);
        var u = result.Update!;
        Assert.That((u.UpdateId, u.InstructionId), Is.EqualTo(("U-1", "GX-20261121-000123")));
        Assert.That(u.OccurredAt, Is.EqualTo(T0.AddMinutes(5)));
        Assert.That((u.Location!.Lat, u.Location.Lon), Is.EqualTo((24.546, 107.082)));
        Assert.That((u.Address, u.OnCallNow, u.AmountAtRisk),
            Is.EqualTo(("金城江区某宾馆", (bool?)false, (decimal?)80000)));
        Assert.That(u.Note, Is.EqualTo("line one\nline two"));
    }

    [Test]
    public void One_field_is_enough_and_an_old_update_is_allowed()
    {
        var result = ParseWith(o =>
        {
            foreach (var f in new[] { "location", "address", "amountAtRisk", "note" }) o.Remove(f);
            o["occurredAt"] = "2026-11-01T08:00:00+08:00";
        });

        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.Update!.OnCallNow, Is.False);
    }

    [Test]
    public void Every_broken_rule_is_reported_at_once_without_echoing_values()
    {
        var result = ParseWith(o =>
        {
            o["updateId"] = "U-\u202e1";
            o["occurredAt"] = "2026-11-21T09:00:00+08:00";
            o["location"]!["lat"] = 91;
            o["address"] = new string('路', 257);
            o["onCallNow"] = "yes";
            o["amountAtRisk"] = -5;
            o["note"] = "x\u0000y";
        });

        Assert.That(result.Errors.Select(e => e.Field), Is.EquivalentTo(new[]
            { "updateId", "occurredAt", "location.lat", "address", "onCallNow", "amountAtRisk", "note" }));
        Assert.That(result.InstructionId, Is.EqualTo("GX-20261121-000123"), "so the rejection names the instruction");
        Assert.That(string.Join(" ", result.Errors), Does.Not.Contain("路路").And.Contain("(must"));
    }

    [Test]
    public void An_update_without_any_field_to_update_is_refused_as_a_whole()
    {
        var result = ParseWith(o =>
        {
            foreach (var f in new[] { "location", "address", "onCallNow", "amountAtRisk", "note" }) o.Remove(f);
        });

        Assert.That(result.Errors.Single().Field, Is.EqualTo("$"));
        Assert.That(result.Errors.Single().Message, Does.Contain("至少").And.Contain("at least one of location"));
    }

    [Test]
    public void The_instruction_id_is_normalised_as_the_instruction_s_own()
    {
        Assert.That(ParseWith(o => o["instructionId"] = "ＧＸ-20261121-000123").Update!.InstructionId,
            Is.EqualTo("GX-20261121-000123"));
    }

    [TestCase("")]
    [TestCase("{\"updateId\":\"a\",\"updateId\":\"b\"}")]
    [TestCase("[1]")]
    public void A_body_that_is_not_one_json_object_is_refused_as_a_whole(string body)
    {
        Assert.That(UpdateParser.Parse(Encoding.UTF8.GetBytes(body), Now).Errors.Single().Field, Is.EqualTo("$"));
    }

    [Test]
    public void Bytes_that_are_not_utf8_never_throw()
    {
        var result = UpdateParser.Parse([0x7B, 0xC3, 0x28, 0x7D], Now);

        Assert.That(result.Errors.Single().Message, Does.Contain("UTF-8"));
    }
}
