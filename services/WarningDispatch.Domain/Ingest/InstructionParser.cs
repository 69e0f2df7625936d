using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using WarningDispatch.Contracts;

namespace WarningDispatch.Domain.Ingest;

/// <summary>
/// Reads a warning instruction from raw JSON and checks every rule of INTERFACE.md, reporting all broken rules at
/// once. It works on the JSON itself rather than a deserialized object so that a wrong type in one field does not
/// hide the other errors, and so that a timestamp without an offset is caught instead of silently taken as local time.
/// It never throws for what a sender wrote: bytes that are not UTF-8, lone surrogates, duplicate keys, any size up to
/// the cap — each becomes a rule broken at a named field.
/// </summary>
public static partial class InstructionParser
{
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Older than this, every deadline of the ladder has passed (the longest step is the 8-hour rural home visit), so
    /// the task would fire its whole ladder within seconds: the instruction is rejected for an operator to look at.
    /// </summary>
    public static readonly TimeSpan DefaultMaxAge = TimeSpan.FromHours(8);

    const int MaxDepth = 16;

    public static ParseResult Parse(ReadOnlySpan<byte> json, DateTimeOffset now) => Parse(json, now, DefaultMaxAge);

    public static ParseResult Parse(ReadOnlySpan<byte> json, DateTimeOffset now, TimeSpan maxAge)
    {
        if (json.StartsWith(Encoding.UTF8.Preamble)) json = json[Encoding.UTF8.Preamble.Length..];
        if (Open(json, out var doc) is { } whole) return Whole(whole, TryReadInstructionId(json));
        using (doc) return Parse(doc!.RootElement, now, maxAge);
    }

    /// <summary>
    /// The body as one JSON document, or the one error that makes it unreadable as a whole (not UTF-8, not JSON,
    /// a duplicate key, too deep, a lone surrogate at a named field). Every message channel reads its bodies so.
    /// </summary>
    internal static FieldError? Open(ReadOnlySpan<byte> json, out JsonDocument? document)
    {
        document = null;
        if (json.StartsWith(Encoding.UTF8.Preamble)) json = json[Encoding.UTF8.Preamble.Length..];
        if (InvalidUtf8At(json) is { } at) return new FieldError("$", RuleText.NotUtf8(at));
        var bytes = json.ToArray();
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(bytes,
                new JsonDocumentOptions { MaxDepth = MaxDepth, AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            // The reader's own message quotes the offending bytes, which may be personal data: position only.
            return new FieldError("$", RuleText.NotJson((e.LineNumber ?? 0) + 1, (e.BytePositionInLine ?? 0) + 1));
        }
        catch (InvalidOperationException)
        {
            // The duplicate-key check could not decode a key (an escaped lone surrogate): find which one.
            using var lenient = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = MaxDepth });
            return Unreadable(FirstUnreadableText(lenient.RootElement, "$") ?? "$");
        }
        if (FirstUnreadableText(doc.RootElement, "$") is { } path)
        {
            doc.Dispose();
            return Unreadable(path);
        }
        document = doc;
        return null;
    }

    static FieldError Unreadable(string path) =>
        new(path.TrimStart('$', '.') is { Length: > 0 } field ? field : "$", RuleText.LoneSurrogate);

    public static ParseResult Parse(JsonElement root, DateTimeOffset now) => Parse(root, now, DefaultMaxAge);

    public static ParseResult Parse(JsonElement root, DateTimeOffset now, TimeSpan maxAge)
    {
        var errors = new List<FieldError>();
        if (root.ValueKind != JsonValueKind.Object)
            return Whole(new FieldError("$", RuleText.NotAnObject(root.ValueKind)), null);

        var instructionId = ReadInstructionId(root, errors);
        var source = RequiredEnum<InstructionSource>(root, "source", errors);
        var kind = RequiredEnum<InstructionKind>(root, "kind", errors);
        var risk = RequiredEnum<RiskLevel>(root, "riskLevel", errors);
        var fraudType = Text(root, "fraudType", 64, errors);
        var issuedAt = ReadIssuedAt(root, now, maxAge, errors);

        WarningSubject? subject = null;
        if (!TryGet(root, "subject", out var s) || s.ValueKind == JsonValueKind.Null)
            errors.Add(new("subject", RuleText.Required));
        else if (s.ValueKind != JsonValueKind.Object)
            errors.Add(new("subject", RuleText.MustBeObject));
        else
            subject = ParseSubject(s, errors);

        WarningContext? context = null;
        if (TryGet(root, "context", out var c) && c.ValueKind != JsonValueKind.Null)
        {
            if (c.ValueKind != JsonValueKind.Object) errors.Add(new("context", RuleText.MustBeObject));
            else context = ParseContext(c, errors);
        }

        if (errors.Count > 0) return new ParseResult(null, errors, instructionId);
        return new ParseResult(new DispatchWarning
        {
            InstructionId = instructionId!,
            Source = source!.Value,
            Kind = kind!.Value,
            RiskLevel = risk!.Value,
            FraudType = fraudType,
            IssuedAt = issuedAt!.Value,
            Subject = subject!,
            Context = context,
        }, errors, instructionId);
    }

    /// <summary>Checks an instruction that arrived already typed (a MassTransit envelope) by the same rules.</summary>
    public static ParseResult Validate(DispatchWarning instruction, DateTimeOffset now, TimeSpan maxAge)
    {
        byte[] json;
        try { json = JsonSerializer.SerializeToUtf8Bytes(instruction, WireFormat.Options); }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or JsonException)
        {
            return Whole(new FieldError("$", RuleText.LoneSurrogate), null);
        }
        return Parse(json, now, maxAge);
    }

    /// <summary>
    /// The instruction id of a body that could not be parsed whole (broken JSON, bad bytes), when a streaming read
    /// finds it before the damage and it passes the id rules: so that the Rejected feedback names the instruction.
    /// </summary>
    public static string? TryReadInstructionId(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxDepth });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1 ||
                    !reader.ValueTextEquals("instructionId"u8)) continue;
                if (!reader.Read() || reader.TokenType != JsonTokenType.String) return null;
                var id = reader.GetString();
                return id is null || id.Length > 64 ? null : InstructionIdProblem(id) is null ? Normalize(id) : id;
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Damage before the id: nothing readable.
        }
        return null;
    }

    /// <summary>The id as the idempotency key: NFKC-normalised, so a full-width "ＧＸ" and "GX" are one
    /// instruction.</summary>
    public static string Normalize(string instructionId) => instructionId.Normalize(NormalizationForm.FormKC);

    internal static string? ReadInstructionId(JsonElement root, List<FieldError> errors)
    {
        var id = RequiredString(root, "instructionId", errors);
        if (id is null) return null;
        if (InstructionIdProblem(id) is { } problem)
        {
            errors.Add(new("instructionId", problem));
            // Still named in the Rejected feedback, as sent, so that upstream can find it; escaped in every log.
            return id.Length <= 64 ? id : null;
        }
        return Normalize(id);
    }

    internal static string? InstructionIdProblem(string id)
    {
        if (id.Length is < 1 or > 64) return RuleText.IdLength;
        if (id.Any(ch => IsForbidden(ch, allowLineBreaks: false) || char.IsWhiteSpace(ch) && ch != ' ') ||
            id.Trim() != id)
            return RuleText.IdPrintable;
        var normalized = Normalize(id);
        return normalized.Length is < 1 or > 64 ? RuleText.IdLength : null;
    }

    static DateTimeOffset? ReadIssuedAt(JsonElement root, DateTimeOffset now, TimeSpan maxAge, List<FieldError> errors)
    {
        var text = RequiredString(root, "issuedAt", errors);
        if (text is null) return null;
        if (!IsoWithOffset().IsMatch(text) ||
            !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            errors.Add(new("issuedAt", RuleText.NotIsoDate));
            return null;
        }
        if (at > now + MaxClockSkew)
        {
            errors.Add(new("issuedAt", RuleText.InFuture((at - now).TotalMinutes)));
            return null;
        }
        if (at < now - maxAge)
        {
            errors.Add(new("issuedAt", RuleText.TooOld((now - at).TotalHours, maxAge.TotalHours)));
            return null;
        }
        return at;
    }

    static WarningSubject? ParseSubject(JsonElement s, List<FieldError> errors)
    {
        var name = Text(s, "name", 64, errors, "subject.");
        var phone = RequiredString(s, "phone", errors, "subject.");
        if (phone is not null && !E164().IsMatch(phone))
        {
            errors.Add(new("subject.phone", RuleText.NotE164));
            phone = null;
        }
        var address = Text(s, "address", 256, errors, "subject.");
        var regionCode = OptionalString(s, "regionCode", errors, "subject.");
        if (regionCode is not null && !SixDigits().IsMatch(regionCode))
            errors.Add(new("subject.regionCode", RuleText.NotRegionCode));

        var location = Location(s, errors, "subject.");
        var hasLocation = TryGet(s, "location", out var l) && l.ValueKind != JsonValueKind.Null;
        var hasRegionCode = TryGet(s, "regionCode", out var rc) && rc.ValueKind != JsonValueKind.Null;
        if (!hasLocation && !hasRegionCode)
            errors.Add(new("subject.location", RuleText.LocationOrRegion));
        var idNumber = ReadIdNumber(s, errors);
        var contacts = ReadContacts(s, errors);
        return phone is null ? null : new WarningSubject
        {
            Name = name, Phone = phone, Address = address, Location = location, RegionCode = regionCode,
            IdNumber = idNumber, Contacts = contacts,
        };
    }

    /// <summary>
    /// GB 11643: 17 ASCII digits, then a check character. A lower-case <c>x</c> is the same number typed on a phone
    /// keyboard, so it is taken and stored as <c>X</c>: the number then compares equal however it was typed.
    /// </summary>
    internal static string? ReadIdNumber(JsonElement s, List<FieldError> errors)
    {
        var id = OptionalString(s, "idNumber", errors, "subject.");
        if (id is null) return null;
        if (!IdNumberShape().IsMatch(id))
        {
            errors.Add(new("subject.idNumber", RuleText.NotIdNumber));
            return null;
        }
        id = id.ToUpperInvariant();
        var ok = true;
        if (IdNumberCheck(id) != id[17])
        {
            errors.Add(new("subject.idNumber", RuleText.IdNumberChecksum));
            ok = false;
        }
        if (!PlausibleBirthDate(id))
        {
            errors.Add(new("subject.idNumber", RuleText.IdNumberBirthDate));
            ok = false;
        }
        return ok ? id : null;
    }

    static readonly int[] IdWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    /// <summary>The check character GB 11643 expects after the first 17 digits.</summary>
    public static char IdNumberCheck(string id)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += (id[i] - '0') * IdWeights[i];
        return "10X98765432"[sum % 11];
    }

    /// <summary>
    /// Digits 7–14 are the birth date: a real calendar day from 1900 on. "Not in the future" is left out on purpose:
    /// the parser's clock and the sender's may disagree at midnight, and a checksum-valid number is rarely that wrong.
    /// </summary>
    static bool PlausibleBirthDate(string id) =>
        DateOnly.TryParseExact(id.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None,
            out var born) && born.Year >= 1900;

    public const int MaxContacts = 8;

    /// <summary>The "protection circle": every broken rule of every contact, each at its own path.</summary>
    static IReadOnlyList<ContactPerson>? ReadContacts(JsonElement s, List<FieldError> errors)
    {
        if (!TryGet(s, "contacts", out var list) || list.ValueKind == JsonValueKind.Null) return null;
        if (list.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new("subject.contacts", RuleText.MustBeArray));
            return null;
        }
        if (list.GetArrayLength() > MaxContacts)
            errors.Add(new("subject.contacts", RuleText.AtMostItems(MaxContacts)));
        var contacts = new List<ContactPerson>();
        var i = 0;
        foreach (var item in list.EnumerateArray())
        {
            var path = $"subject.contacts[{i++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new(path, RuleText.MustBeObject));
                continue;
            }
            var name = Text(item, "name", 64, errors, path + ".");
            var relation = Text(item, "relation", 64, errors, path + ".");
            var phone = RequiredString(item, "phone", errors, path + ".");
            if (phone is not null && !E164().IsMatch(phone))
            {
                errors.Add(new(path + ".phone", RuleText.NotE164));
                continue;
            }
            if (phone is not null) contacts.Add(new ContactPerson { Name = name, Phone = phone, Relation = relation });
        }
        return contacts;
    }

    static WarningContext ParseContext(JsonElement c, List<FieldError> errors)
    {
        var onCallNow = Boolean(c, "onCallNow", errors, "context.");
        var amount = Amount(c, "amountAtRisk", errors, "context.");
        var counterpart = OptionalString(c, "counterpartNumber", errors, "context.");
        if (counterpart is not null && !CounterpartNumber().IsMatch(counterpart))
        {
            errors.Add(new("context.counterpartNumber", RuleText.NotCounterpart));
            counterpart = null;
        }
        var note = Text(c, "note", 1000, errors, "context.", allowLineBreaks: true);
        return new WarningContext
        {
            OnCallNow = onCallNow, AmountAtRisk = amount, CounterpartNumber = counterpart, Note = note
        };
    }

    /// <summary>
    /// The person's <c>{prefix}location</c>: lat −90…90, lon −180…180; null if absent or broken.
    /// </summary>
    internal static GeoPoint? Location(JsonElement obj, List<FieldError> errors, string prefix = "")
    {
        if (!TryGet(obj, "location", out var l) || l.ValueKind == JsonValueKind.Null) return null;
        if (l.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new(prefix + "location", RuleText.NotLocation));
            return null;
        }
        var lat = RequiredNumber(l, "lat", errors, prefix + "location.");
        var lon = RequiredNumber(l, "lon", errors, prefix + "location.");
        if (lat is < -90 or > 90) errors.Add(new(prefix + "location.lat", RuleText.Between(-90, 90)));
        if (lon is < -180 or > 180) errors.Add(new(prefix + "location.lon", RuleText.Between(-180, 180)));
        return lat is >= -90 and <= 90 && lon is >= -180 and <= 180
            ? new GeoPoint { Lat = lat.Value, Lon = lon.Value }
            : null;
    }

    internal static bool? Boolean(JsonElement obj, string name, List<FieldError> errors, string prefix = "")
    {
        if (!TryGet(obj, name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind is JsonValueKind.True or JsonValueKind.False) return v.GetBoolean();
        errors.Add(new(prefix + name, RuleText.MustBeBoolean));
        return null;
    }

    /// <summary>An amount in CNY: a JSON number (never a string), 0 or more.</summary>
    internal static decimal? Amount(JsonElement obj, string name, List<FieldError> errors, string prefix = "")
    {
        if (!TryGet(obj, name, out var a) || a.ValueKind == JsonValueKind.Null) return null;
        if (a.ValueKind != JsonValueKind.Number || !a.TryGetDecimal(out var value))
            errors.Add(new(prefix + name, RuleText.MustBeNumber));
        else if (value < 0) errors.Add(new(prefix + name, RuleText.NotNegative));
        else return value;
        return null;
    }

    /// <summary>
    /// Free text a person reads on a console: no control characters (line breaks only in notes), no invisible format
    /// characters (zero-width, bidi overrides that reorder what the officer sees), nothing unassigned or private.
    /// </summary>
    internal static string? Text(JsonElement obj, string name, int maxLength, List<FieldError> errors,
        string prefix = "", bool allowLineBreaks = false)
    {
        var value = OptionalString(obj, name, errors, prefix);
        if (value is null) return null;
        if (value.Length > maxLength) errors.Add(new(prefix + name, RuleText.AtMost(maxLength)));
        else if (value.Any(ch => IsForbidden(ch, allowLineBreaks)))
            errors.Add(new(prefix + name, RuleText.Invisible));
        else return value;
        return null;
    }

    internal static bool IsForbidden(char ch, bool allowLineBreaks)
    {
        if (allowLineBreaks && ch is '\n' or '\r' or '\t') return false;
        return char.GetUnicodeCategory(ch) is UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
            or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned;
    }

    internal static bool TryGet(JsonElement obj, string name, out JsonElement value)
    {
        if (obj.TryGetProperty(name, out value)) return true;
        foreach (var p in obj.EnumerateObject())
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)) { value = p.Value; return true; }
        return false;
    }

    internal static string? RequiredString(JsonElement obj, string name, List<FieldError> errors, string prefix = "")
    {
        if (!TryGet(obj, name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            errors.Add(new(prefix + name, RuleText.Required));
            return null;
        }
        if (v.ValueKind != JsonValueKind.String)
        {
            errors.Add(new(prefix + name, RuleText.MustBeString(v.ValueKind)));
            return null;
        }
        return v.GetString();
    }

    internal static string? OptionalString(JsonElement obj, string name, List<FieldError> errors, string prefix = "")
    {
        if (!TryGet(obj, name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.String)
        {
            errors.Add(new(prefix + name, RuleText.MustBeString(v.ValueKind)));
            return null;
        }
        return v.GetString();
    }

    internal static double? RequiredNumber(JsonElement obj, string name, List<FieldError> errors, string prefix)
    {
        if (!TryGet(obj, name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            errors.Add(new(prefix + name, RuleText.Required));
            return null;
        }
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            errors.Add(new(prefix + name, RuleText.MustBeNumber));
            return null;
        }
        return number;
    }

    /// <summary>Exactly a declared name: no other case, no numbers, no comma-joined flags.</summary>
    static TEnum? RequiredEnum<TEnum>(JsonElement obj, string name, List<FieldError> errors) where TEnum : struct, Enum
    {
        var allowed = Enum.GetNames<TEnum>();
        if (!TryGet(obj, name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            errors.Add(new(name, RuleText.RequiredOneOf(allowed)));
            return null;
        }
        if (v.ValueKind == JsonValueKind.String && allowed.FirstOrDefault(n => v.ValueEquals(n)) is { } match)
            return Enum.Parse<TEnum>(match);
        errors.Add(new(name, RuleText.OneOf(allowed)));
        return null;
    }

    internal static ParseResult Whole(FieldError error, string? instructionId) => new(null, [error], instructionId);

    static long? InvalidUtf8At(ReadOnlySpan<byte> bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes)) return null;
        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetCharCount(bytes);
            return null;
        }
        catch (DecoderFallbackException e)
        {
            return e.Index + 1;
        }
    }

    /// <summary>The path of the first key or string that holds an escaped lone surrogate, which no text can
    /// carry.</summary>
    static string? FirstUnreadableText(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in element.EnumerateObject())
                {
                    string name;
                    try { name = p.Name; }
                    catch (InvalidOperationException) { return path; }
                    if (FirstUnreadableText(p.Value, $"{path}.{name}") is { } found) return found;
                }
                return null;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                    if (FirstUnreadableText(item, $"{path}[{i++}]") is { } found) return found;
                return null;
            case JsonValueKind.String:
                try { _ = element.GetString(); return null; }
                catch (InvalidOperationException) { return path; }
            default:
                return null;
        }
    }

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}" +
        @"(:[0-9]{2}(\.[0-9]{1,7})?)?(Z|[+-][0-9]{2}:[0-9]{2})\z")]
    internal static partial Regex IsoWithOffset();

    /// <summary>A phone number as instructions carry it (E.164), e.g. one a duty officer searches for.</summary>
    public static bool IsE164(string phone) => E164().IsMatch(phone);

    [GeneratedRegex(@"^\+[1-9][0-9]{7,14}\z")]
    private static partial Regex E164();

    /// <summary>Fraudsters' numbers include short codes and local numbers, so: an optional + and 3 to 20
    /// digits.</summary>
    [GeneratedRegex(@"^\+?[0-9]{3,20}\z")]
    private static partial Regex CounterpartNumber();

    [GeneratedRegex(@"^[0-9]{17}[0-9Xx]\z")]
    private static partial Regex IdNumberShape();

    [GeneratedRegex(@"^[0-9]{6}\z")]
    private static partial Regex SixDigits();
}
