using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace WarningDispatch.TestSupport;

/// <summary>
/// Hostile and careless fraud reports (INTERFACE.md §8), each breaking exactly one rule of an otherwise valid report,
/// so its rejection must name exactly that field: bytes, shapes, look-alike and invisible characters, times, the
/// person, amounts, unknown keys.
/// </summary>
public static class BadFraudReportCorpus
{
    public static IReadOnlyList<BadInput> Cases(DateTimeOffset now)
    {
        var cases = new List<BadInput>();
        var n = 0;
        void Json(string name, string field, Action<JsonObject> change)
        {
            var o = Valid($"BAD-FR-{++n:000}", now);
            change(o);
            cases.Add(new(name, Encoding.UTF8.GetBytes(BadInputCorpus.Text(o)), field));
        }
        void Bytes(string name, string field, byte[] body) => cases.Add(new(name, body, field));
        JsonObject S(JsonObject o) => o["subject"]!.AsObject();
        string At(TimeSpan offset) => now.Add(offset).ToOffset(TimeSpan.FromHours(8))
            .ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
        byte[] Utf8(JsonObject o) => Encoding.UTF8.GetBytes(BadInputCorpus.Text(o));

        foreach (var (name, body) in new[] { ("empty body", ""), ("null", "null"), ("an array", "[]"), ("text", "hi") })
            Bytes(name, "$", Encoding.UTF8.GetBytes(body));
        Bytes("UTF-16LE body", "$", Encoding.Unicode.GetBytes(BadInputCorpus.Text(Valid("BAD-FR-U16", now))));
        var broken = Utf8(Valid("BAD-FR-UTF8", now));
        var at = Array.IndexOf(broken, (byte)0xE7); // the first byte of 罗
        broken[at + 1] = 0x28;
        Bytes("broken UTF-8 in the name", "$", broken);
        Bytes("duplicate reportId", "$", Encoding.UTF8.GetBytes(BadInputCorpus.Text(Valid("FR-DUP", now))
            .Replace("{\"reportId\"", "{\"reportId\":\"FR-OTHER\",\"reportId\"")));
        Bytes("nested 100 deep", "$", Encoding.UTF8.GetBytes(
            BadInputCorpus.Text(Valid("BAD-FR-DEEP", now)).TrimEnd('}') + ",\"x\":" + new string('[', 100) +
            new string(']', 100) + "}"));

        Json("reportId missing", "reportId", o => o.Remove("reportId"));
        Json("reportId empty", "reportId", o => o["reportId"] = "");
        Json("reportId 65 characters", "reportId", o => o["reportId"] = new string('r', 65));
        Json("reportId a number", "reportId", o => o["reportId"] = 7);
        Json("reportId with a zero-width space", "reportId", o => o["reportId"] = "FR-1\u200b");
        Json("reportId with a bidi override", "reportId", o => o["reportId"] = "FR-\u202e1");
        Json("reportId with a newline", "reportId", o => o["reportId"] = "FR-1\nFR-2");

        Json("reportedAt missing", "reportedAt", o => o.Remove("reportedAt"));
        Json("reportedAt without an offset", "reportedAt",
            o => o["reportedAt"] = now.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture));
        Json("reportedAt 6 minutes ahead", "reportedAt", o => o["reportedAt"] = At(TimeSpan.FromMinutes(6)));
        Json("reportedAt with full-width digits", "reportedAt",
            o => o["reportedAt"] = "２０２６-11-21T08:15:00+08:00");
        Json("occurredAt missing", "occurredAt", o => o.Remove("occurredAt"));
        Json("occurredAt a number", "occurredAt", o => o["occurredAt"] = 1763683200);
        Json("occurredAt after reportedAt", "occurredAt", o => o["occurredAt"] = At(TimeSpan.FromMinutes(1)));

        Json("subject missing", "subject", o => o.Remove("subject"));
        Json("subject a string", "subject", o => o["subject"] = "+8613800000000");
        Json("neither phone nor id number", "subject.phone", o => S(o).Remove("phone"));
        Json("phone without +", "subject.phone", o => S(o)["phone"] = "8613800000000");
        Json("phone with full-width digits", "subject.phone", o => S(o)["phone"] = "+８６13800000000");
        Json("phone a number", "subject.phone", o => S(o)["phone"] = 8613800000000);
        Json("id number with a wrong check character", "subject.idNumber",
            o => S(o)["idNumber"] = "110105199003070010");
        Json("id number with an impossible date", "subject.idNumber", o => S(o)["idNumber"] = "110105199013400014");
        Json("id number 17 characters", "subject.idNumber", o => S(o)["idNumber"] = "11010519900307005");
        Json("name 65 characters", "subject.name", o => S(o)["name"] = new string('罗', 65));
        Json("name with a bidi override", "subject.name", o => S(o)["name"] = "罗\u202e某");
        Json("misspelt idNumbr", "subject.idNumbr", o => S(o)["idNumbr"] = "11010519900307005X");
        Json("a key that is the sender's text", "subject", o => S(o)["+8613800000000"] = 1);

        Json("amountLost missing", "amountLost", o => o.Remove("amountLost"));
        Json("amountLost negative", "amountLost", o => o["amountLost"] = -1);
        Json("amountLost a string", "amountLost", o => o["amountLost"] = "52000");
        Json("amountLost above ten billion", "amountLost", o => o["amountLost"] = 10_000_000_001m);
        Json("amountLost 1e400", "amountLost", o => o["amountLost"] = JsonNode.Parse("1e400"));
        Json("fraudType 65 characters", "fraudType", o => o["fraudType"] = new string('f', 65));
        Json("an unknown top-level key", "amountLostCny", o => o["amountLostCny"] = 1);
        return cases;
    }

    /// <summary>The person of an instruction example was defrauded of ¥52,000 a minute ago, reported now.</summary>
    public static JsonObject Valid(string reportId, DateTimeOffset now) => new()
    {
        ["reportId"] = reportId,
        ["reportedAt"] = now.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-ddTHH:mm:sszzz",
            CultureInfo.InvariantCulture),
        ["occurredAt"] = now.AddMinutes(-1).ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-ddTHH:mm:sszzz",
            CultureInfo.InvariantCulture),
        ["subject"] = new JsonObject { ["name"] = "罗某某", ["phone"] = "+8613800000000" },
        ["amountLost"] = 52000,
        ["fraudType"] = "ImpersonatingPolice",
    };
}
