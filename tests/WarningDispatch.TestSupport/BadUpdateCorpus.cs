using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace WarningDispatch.TestSupport;

/// <summary>
/// Hostile and careless updates (INTERFACE.md §7), each breaking exactly one rule of an otherwise valid update of
/// <c>instructionId</c>, so its rejection must name exactly that field. The bytes-level cases of
/// <see cref="BadInputCorpus"/> hold for updates too, as both read their bodies the same way; these are the update's
/// own fields.
/// </summary>
public static class BadUpdateCorpus
{
    public static IReadOnlyList<BadInput> Cases(string instructionId, DateTimeOffset now)
    {
        var cases = new List<BadInput>();
        var n = 0;
        void Json(string name, string field, Action<JsonObject> change)
        {
            var o = Valid($"BAD-UPD-{++n:000}", instructionId, now);
            change(o);
            cases.Add(new(name, Encoding.UTF8.GetBytes(BadInputCorpus.Text(o)), field));
        }
        void Bytes(string name, string field, string body) => cases.Add(new(name, Encoding.UTF8.GetBytes(body), field));
        string At(TimeSpan ahead) => now.Add(ahead).ToOffset(TimeSpan.FromHours(8))
            .ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);

        foreach (var (name, body) in new[] { ("empty body", ""), ("null", "null"), ("an array", "[]"), ("text", "hi") })
            Bytes(name, "$", body);
        Bytes("duplicate updateId", "$", BadInputCorpus.Text(Valid("U-DUP", instructionId, now))
            .Replace("{\"updateId\"", "{\"updateId\":\"U-OTHER\",\"updateId\""));

        Json("updateId missing", "updateId", o => o.Remove("updateId"));
        Json("updateId empty", "updateId", o => o["updateId"] = "");
        Json("updateId 65 characters", "updateId", o => o["updateId"] = new string('u', 65));
        Json("updateId a number", "updateId", o => o["updateId"] = 7);
        Json("updateId with a zero-width space", "updateId", o => o["updateId"] = "U-1\u200b");
        Json("updateId with a bidi override", "updateId", o => o["updateId"] = "U-\u202e1");
        Json("updateId with a newline", "updateId", o => o["updateId"] = "U-1\nU-2");

        Json("instructionId missing", "instructionId", o => o.Remove("instructionId"));
        Json("instructionId 65 characters", "instructionId", o => o["instructionId"] = new string('x', 65));
        Json("instructionId with a zero-width joiner", "instructionId", o => o["instructionId"] = "GX\u200d1");

        Json("occurredAt missing", "occurredAt", o => o.Remove("occurredAt"));
        Json("occurredAt without an offset", "occurredAt",
            o => o["occurredAt"] = now.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture));
        Json("occurredAt 6 minutes ahead", "occurredAt", o => o["occurredAt"] = At(TimeSpan.FromMinutes(6)));
        Json("occurredAt with full-width digits", "occurredAt",
            o => o["occurredAt"] = "２０２６-11-21T08:15:00+08:00");
        Json("occurredAt a number", "occurredAt", o => o["occurredAt"] = 1763683200);

        Json("no field to update", "$", o => { o.Remove("location"); o.Remove("note"); });
        Json("only nulls to update", "$", o => { o["location"] = null; o["note"] = null; });
        Json("location an array", "location", o => o["location"] = new JsonArray(24.5, 107.0));
        Json("lat 91", "location.lat", o => o["location"]!["lat"] = 91);
        Json("lon a string", "location.lon", o => o["location"]!["lon"] = "107.0");
        Json("address 257 characters", "address", o => o["address"] = new string('路', 257));
        Json("address with a bidi override", "address", o => o["address"] = "宾馆\u202e");
        Json("onCallNow \"no\"", "onCallNow", o => o["onCallNow"] = "no");
        Json("amountAtRisk negative", "amountAtRisk", o => o["amountAtRisk"] = -1);
        Json("amountAtRisk a string", "amountAtRisk", o => o["amountAtRisk"] = "80000");
        Json("note 1001 characters", "note", o => o["note"] = new string('n', 1001));
        Json("note with NUL", "note", o => o["note"] = "x\u0000y");
        return cases;
    }

    /// <summary>A location update of <paramref name="instructionId"/>: the person is at a hotel, learned now.</summary>
    public static JsonObject Valid(string updateId, string instructionId, DateTimeOffset now) => new()
    {
        ["updateId"] = updateId,
        ["instructionId"] = instructionId,
        ["occurredAt"] = now.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-ddTHH:mm:sszzz",
            CultureInfo.InvariantCulture),
        ["location"] = new JsonObject { ["lat"] = 24.546, ["lon"] = 107.082 },
        ["note"] = "大数据显示其在宾馆房间",
    };
}
