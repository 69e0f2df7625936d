using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace WarningDispatch.TestSupport;

/// <summary>One hostile or careless body and the field its rejection must name.</summary>
public sealed record BadInput(string Name, byte[] Body, string Field)
{
    public override string ToString() => Name;
}

/// <summary>
/// What an attacker or a careless upstream sends: bad bytes, broken JSON, look-alike and invisible characters,
/// Unicode digits, wrong types, stale and future times, oversized bodies. Each case breaks exactly one rule of an
/// otherwise valid instruction, so its rejection must name exactly that field. Run over HTTP in process and over raw
/// AMQP against real RabbitMQ and Redis.
/// </summary>
public static class BadInputCorpus
{
    public static IReadOnlyList<BadInput> Cases(DateTimeOffset now, int maxBodyBytes = 64 * 1024)
    {
        var cases = new List<BadInput>();
        var n = 0;
        string Id() => $"BAD-{++n:000}";
        void Json(string name, string field, Action<JsonObject> change)
        {
            var o = Valid(Id(), now);
            change(o);
            cases.Add(new(name, Encoding.UTF8.GetBytes(Text(o)), field));
        }
        // Replaces the JSON text of one string value with raw text, for what a JsonObject cannot express.
        void RawValue(string name, string field, Action<JsonObject, string> place, string rawJson)
        {
            var o = Valid(Id(), now);
            place(o, "__RAW__");
            cases.Add(new(name, Encoding.UTF8.GetBytes(Text(o).Replace("\"__RAW__\"", rawJson)), field));
        }
        void Bytes(string name, string field, byte[] body) => cases.Add(new(name, body, field));
        JsonObject S(JsonObject o) => o["subject"]!.AsObject();
        JsonObject C(JsonObject o) => o["context"]!.AsObject();
        string At(TimeSpan ago) => now.Subtract(ago).ToOffset(TimeSpan.FromHours(8))
            .ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);

        // Bytes and encodings.
        var latin1 = Encoding.UTF8.GetBytes(Text(Valid(Id(), now)).Replace("罗某某", "Jos__"));
        var at = IndexOf(latin1, "Jos__"u8) + 3;
        latin1[at] = 0xE9; latin1[at + 1] = (byte)'e';
        Bytes("Latin-1 byte in a name", "$", latin1);
        RawValue("lone high surrogate in a name", "subject.name", (o, r) => S(o)["name"] = r, "\"\\ud800x\"");
        RawValue("lone low surrogate in the id", "instructionId", (o, r) => o["instructionId"] = r, "\"A\\udc00\"");
        Bytes("lone surrogate as a key", "subject", Encoding.UTF8.GetBytes(
            Text(Valid(Id(), now)).Replace("\"address\":", "\"\\udc00\":1,\"address\":")));
        Bytes("lone surrogate as a top-level key", "$", Encoding.UTF8.GetBytes(
            Text(Valid(Id(), now)).Replace("{\"instructionId\"", "{\"\\ud800\":1,\"instructionId\"")));
        Bytes("broken UTF-8 continuation", "$", Splice(Valid(Id(), now), "某某", [0xC3, 0x28]));
        Bytes("overlong UTF-8 slash", "$", Splice(Valid(Id(), now), "某某", [0xC0, 0xAF]));
        Bytes("UTF-8 cut inside a character", "$", Splice(Valid(Id(), now), "某某", [0xE4, 0xB8]));
        Bytes("UTF-16LE body", "$", Encoding.Unicode.GetBytes(Text(Valid(Id(), now))));
        Bytes("NUL byte between tokens", "$", Splice(Valid(Id(), now), "\"source\"", [0x00]));
        Bytes("a CESU-8 encoded surrogate", "$", Splice(Valid(Id(), now), "某某", [0xED, 0xA0, 0x80]));

        // Not an instruction object at all.
        foreach (var (name, body) in new[]
                 {
                     ("empty body", ""), ("null", "null"), ("an array", "[]"), ("a number", "42"),
                     ("a string", "\"x\""),
                     ("true", "true"), ("plain text", "not json at all"), ("whitespace only", "   \n "),
                     ("two objects", "{}{}"), ("XML", "<warning/>"),
                 })
            Bytes(name, "$", Encoding.UTF8.GetBytes(body));
        var valid = Text(Valid(Id(), now));
        Bytes("truncated JSON", "$", Encoding.UTF8.GetBytes(valid[..(valid.Length / 2)]));
        Bytes("trailing comma", "$", Encoding.UTF8.GetBytes(valid[..^1] + ",}"));
        Bytes("a comment", "$", Encoding.UTF8.GetBytes("// upstream\n" + valid));
        Bytes("single quotes", "$", Encoding.UTF8.GetBytes(Text(Valid(Id(), now)).Replace('"', '\'')));
        Bytes("duplicate instructionId", "$", Encoding.UTF8.GetBytes(
            Text(Valid(Id(), now)).Replace("{\"instructionId\"", "{\"instructionId\":\"OTHER-1\",\"instructionId\"")));
        Bytes("nested 100 deep", "$", Encoding.UTF8.GetBytes(Text(Valid(Id(), now))[..^1] +
            ",\"deep\":" + new string('[', 100) + new string(']', 100) + "}"));
        RawValue("NaN amount", "$", (o, r) => C(o)["amountAtRisk"] = r, "NaN");
        RawValue("hex number", "$", (o, r) => C(o)["amountAtRisk"] = r, "0x10");

        // instructionId.
        Json("id missing", "instructionId", o => o.Remove("instructionId"));
        Json("id empty", "instructionId", o => o["instructionId"] = "");
        Json("id 65 characters", "instructionId", o => o["instructionId"] = new string('x', 65));
        Json("id 60 KB", "instructionId", o => o["instructionId"] = new string('x', 60_000));
        Json("id a number", "instructionId", o => o["instructionId"] = 123);
        Json("id null", "instructionId", o => o["instructionId"] = null);
        Json("id an object", "instructionId", o => o["instructionId"] = new JsonObject());
        Json("id an array", "instructionId", o => o["instructionId"] = new JsonArray("A"));
        foreach (var (name, text) in new[]
                 {
                     ("zero-width space", "BAD-ZW\u200b"), ("zero-width joiner", "BAD\u200dZWJ"),
                     ("bidi override", "BAD-\u202eLTR"), ("bidi isolate", "BAD-\u2066X"), ("NUL", "BAD-\u0000"),
                     ("ESC", "BAD-\u001b[31m"), ("newline", "BAD-1\nBAD-2"), ("tab", "BAD\t1"),
                     ("leading space", " BAD-1"), ("trailing space", "BAD-1 "), ("only spaces", "   "),
                     ("byte-order mark", "\ufeffBAD-1"), ("line separator", "BAD\u20281"), ("DEL", "BAD\u007f"),
                     ("soft hyphen", "BAD\u00ad1"), ("private use", "BAD\ue000"),
                 })
            Json($"id with {name}", "instructionId", o => o["instructionId"] = text);

        // Enumerations: exact names only.
        foreach (var (field, value) in new (string, JsonNode?)[]
                 {
                     ("source", "bank"), ("source", 0), ("source", "0"), ("source", "Bank,Telecom"),
                     ("source", " Bank"),
                     ("source", "Bank\u200b"), ("source", null), ("kind", "fundtransfer"), ("kind", 1),
                     ("kind", "FundTransfer "), ("riskLevel", "HIGH"), ("riskLevel", "Critical"),
                     ("riskLevel", "Ｈｉｇｈ"), ("riskLevel", "High\n"), ("riskLevel", true),
                 })
            Json($"{field} = {value?.ToJsonString() ?? "null"}", field, o => o[field] = value?.DeepClone());
        Json("source missing", "source", o => o.Remove("source"));

        // fraudType.
        Json("fraudType 65 characters", "fraudType", o => o["fraudType"] = new string('f', 65));
        Json("fraudType with ESC", "fraudType", o => o["fraudType"] = "X\u001bY");
        Json("fraudType a number", "fraudType", o => o["fraudType"] = 7);

        // issuedAt.
        foreach (var (name, value) in new (string, JsonNode?)[]
                 {
                     ("missing offset", now.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)),
                     ("a word", "yesterday"), ("the year 1", "0001-01-01T00:00:00+00:00"),
                     ("30 days ago", At(TimeSpan.FromDays(30))), ("9 hours ago", At(TimeSpan.FromHours(9))),
                     ("6 minutes ahead", At(TimeSpan.FromMinutes(-6))), ("the year 9999", "9999-12-31T23:59:59+08:00"),
                     ("full-width digits", "２０２６-11-21T08:15:00+08:00"),
                     ("Arabic-Indic digits", "٢٠٢٦-11-21T08:15:00+08:00"),
                     ("a trailing newline", At(TimeSpan.FromMinutes(1)) + "\n"), ("a Unix number", 1763683200),
                     ("offset +25:00", "2026-11-21T08:15:00+25:00"), ("month 13", "2026-13-01T08:15:00+08:00"),
                     ("null", null),
                 })
            Json($"issuedAt {name}", "issuedAt", o => o["issuedAt"] = value?.DeepClone());
        Json("issuedAt missing", "issuedAt", o => o.Remove("issuedAt"));

        // subject.
        Json("subject missing", "subject", o => o.Remove("subject"));
        Json("subject a string", "subject", o => o["subject"] = "Luo");
        Json("subject an array", "subject", o => o["subject"] = new JsonArray());
        Json("phone missing", "subject.phone", o => S(o).Remove("phone"));
        foreach (var (name, value) in new (string, JsonNode?)[]
                 {
                     ("without +", "8613800000000"), ("full-width digits", "+8６１３８０００００００"),
                     ("a trailing newline", "+8613800000000\n"), ("Arabic-Indic digits", "+٨٦١٣٨٠٠٠٠٠٠٠٠"),
                     ("dashes", "+86-138-0000-0000"), ("16 digits", "+8613800000000000"), ("a number", 8613800000000),
                     ("a leading 0", "+0613800000000"), ("spaces", "+86 138 0000 0000"),
                     ("zero-width", "+86138\u200b00000000"),
                 })
            Json($"phone with {name}", "subject.phone", o => S(o)["phone"] = value?.DeepClone());
        foreach (var (name, value) in new[]
                 {
                     ("NUL", "Luo\u0000"), ("ESC", "\u001b[2JLuo"), ("bidi override", "\u202eouL"),
                     ("zero-width joiner", "罗\u200d某"), ("65 characters", new string('罗', 65)),
                     ("a newline", "罗\n某"),
                 })
            Json($"name with {name}", "subject.name", o => S(o)["name"] = value);
        Json("address 257 characters", "subject.address", o => S(o)["address"] = new string('路', 257));
        Json("address with a newline", "subject.address", o => S(o)["address"] = "凤山县\n凤城镇");
        Json("address with a bidi override", "subject.address", o => S(o)["address"] = "凤山县\u202e");
        foreach (var (name, value) in new (string, JsonNode?)[]
                 {
                     ("full-width", "４５１２２３"), ("Arabic-Indic and full-width", "٤٥١٢٢３"),
                     ("a trailing newline", "451223\n"),
                     ("5 digits", "45122"), ("a number", 451223), ("letters", "45122A"), ("7 digits", "4512230"),
                 })
            Json($"regionCode {name}", "subject.regionCode", o => S(o)["regionCode"] = value?.DeepClone());
        Json("neither location nor regionCode", "subject.location",
            o => { S(o).Remove("location"); S(o).Remove("regionCode"); });
        Json("location an array", "subject.location", o => S(o)["location"] = new JsonArray(24.5, 107.0));
        Json("lat 91", "subject.location.lat", o => S(o)["location"]!["lat"] = 91);
        Json("lon -181", "subject.location.lon", o => S(o)["location"]!["lon"] = -181);
        Json("lat a string", "subject.location.lat", o => S(o)["location"]!["lat"] = "24.5");
        Json("lon missing", "subject.location.lon", o => S(o)["location"]!.AsObject().Remove("lon"));
        RawValue("lat 1e400", "subject.location.lat", (o, r) => S(o)["location"]!["lat"] = r, "1e400");

        // subject.idNumber (GB 11643; 451223198001010013 is valid) and subject.contacts.
        foreach (var (name, value) in new (string, JsonNode?)[]
                 {
                     ("a wrong check digit", "451223198001010014"), ("17 digits", "45122319800101001"),
                     ("full-width digits", "４５１２２３198001010013"),
                     ("a trailing newline", "451223198001010013\n"),
                     ("a number", 451223198001010013), ("a zero-width space", "451223198001\u200b010013"),
                     ("30 February", "451223198002300012"), ("a check letter Y", "45122319800101001Y"),
                 })
            Json($"idNumber {name}", "subject.idNumber", o => S(o)["idNumber"] = value?.DeepClone());
        JsonObject Contact() => new() { ["name"] = "罗某", ["phone"] = "+8613900000001", ["relation"] = "儿子" };
        Json("contacts an object", "subject.contacts", o => S(o)["contacts"] = Contact());
        Json("nine contacts", "subject.contacts",
            o => S(o)["contacts"] = new JsonArray([.. Enumerable.Range(0, 9).Select(_ => (JsonNode)Contact())]));
        Json("a contact that is a string", "subject.contacts[0]",
            o => S(o)["contacts"] = new JsonArray("+8613900000001"));
        foreach (var (name, field, change) in new (string, string, Action<JsonObject>)[]
                 {
                     ("phone missing", "phone", c => c.Remove("phone")),
                     ("phone full-width", "phone", c => c["phone"] = "+8６１３９０００００００1"),
                     ("phone with a newline", "phone", c => c["phone"] = "+8613900000001\n"),
                     ("name with a bidi override", "name", c => c["name"] = "\u202e某罗"),
                     ("name 65 characters", "name", c => c["name"] = new string('罗', 65)),
                     ("relation with ESC", "relation", c => c["relation"] = "\u001b[2J儿子"),
                     ("relation a number", "relation", c => c["relation"] = 2),
                 })
            Json($"second contact {name}", $"subject.contacts[1].{field}", o =>
            {
                var second = Contact();
                change(second);
                S(o)["contacts"] = new JsonArray(Contact(), second);
            });

        // context.
        Json("context a string", "context", o => o["context"] = "urgent");
        Json("onCallNow \"yes\"", "context.onCallNow", o => C(o)["onCallNow"] = "yes");
        Json("onCallNow 1", "context.onCallNow", o => C(o)["onCallNow"] = 1);
        Json("amount negative", "context.amountAtRisk", o => C(o)["amountAtRisk"] = -0.01);
        Json("amount a string", "context.amountAtRisk", o => C(o)["amountAtRisk"] = "52000");
        RawValue("amount 1e400", "context.amountAtRisk", (o, r) => C(o)["amountAtRisk"] = r, "1e400");
        Json("counterpart with letters", "context.counterpartNumber", o => C(o)["counterpartNumber"] = "call me");
        Json("note 1001 characters", "context.note", o => C(o)["note"] = new string('n', 1001));
        Json("note with a bidi override", "context.note", o => C(o)["note"] = "transfer \u202e0001");
        Json("note with NUL", "context.note", o => C(o)["note"] = "x\u0000y");

        // Size: the same cap on every channel.
        var atCap = Valid(Id(), now);
        atCap["padding"] = "";
        atCap["padding"] = new string('p', maxBodyBytes - Encoding.UTF8.GetByteCount(Text(atCap)) + 1);
        Bytes("one byte over the cap", "$", Encoding.UTF8.GetBytes(Text(atCap)));
        Json("1 MB", "$", o => o["padding"] = new string('p', 1 << 20));
        return cases;
    }

    /// <summary>The interface example for the demo region (Fengshan, 451223), issued a minute before now.</summary>
    public static JsonObject Valid(string instructionId, DateTimeOffset now) => new()
    {
        ["instructionId"] = instructionId,
        ["source"] = "Bank",
        ["kind"] = "FundTransfer",
        ["riskLevel"] = "High",
        ["fraudType"] = "ImpersonatingPolice",
        ["issuedAt"] = now.AddMinutes(-1).ToOffset(TimeSpan.FromHours(8))
            .ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
        ["subject"] = new JsonObject
        {
            ["name"] = "罗某某", ["phone"] = "+8613800000000", ["address"] = "凤山县凤城镇凤城路 12 号",
            ["location"] = new JsonObject { ["lat"] = 24.546, ["lon"] = 107.042 }, ["regionCode"] = "451223",
        },
        ["context"] = new JsonObject
        {
            ["onCallNow"] = true, ["counterpartNumber"] = "+85200000000", ["amountAtRisk"] = 52000.00,
            ["note"] = "long call with a known fraud number",
        },
    };

    /// <summary>JSON text with non-ASCII characters as they are, as most upstream systems write it.</summary>
    public static string Text(JsonNode node) => node.ToJsonString(Relaxed);

    static readonly System.Text.Json.JsonSerializerOptions Relaxed = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    static byte[] Splice(JsonObject o, string replaced, byte[] with)
    {
        var bytes = Encoding.UTF8.GetBytes(Text(o));
        var at = IndexOf(bytes, Encoding.UTF8.GetBytes(replaced));
        return [.. bytes[..at], .. with, .. bytes[(at + Encoding.UTF8.GetByteCount(replaced))..]];
    }

    static int IndexOf(byte[] bytes, ReadOnlySpan<byte> part)
    {
        var at = bytes.AsSpan().IndexOf(part);
        if (at < 0) throw new InvalidOperationException("corpus template changed: marker not found");
        return at;
    }
}
