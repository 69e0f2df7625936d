using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using WarningDispatch.Contracts;

namespace WarningDispatch.Domain.Ingest;

/// <summary>One broken rule: the JSON path of the field and what is wrong with it.</summary>
public sealed record FieldError(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}

public sealed record ParseResult(DispatchWarning? Instruction, IReadOnlyList<FieldError> Errors, string? InstructionId)
{
    public bool IsValid => Instruction is not null;
}

/// <summary>
/// Reads a warning instruction from raw JSON and checks every rule of INTERFACE.md, reporting all broken rules at
/// once. It works on the JSON itself rather than a deserialized object so that a wrong type in one field does not
/// hide the other errors, and so that a timestamp without an offset is caught instead of silently taken as local time.
/// </summary>
public static partial class InstructionParser
{
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    public static ParseResult Parse(ReadOnlySpan<byte> json, DateTimeOffset now)
    {
        try
        {
            using var doc = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
            return Parse(doc.RootElement, now);
        }
        catch (JsonException e)
        {
            // The reader's own message quotes the offending bytes, which may be personal data: position only.
            return new ParseResult(null, [new FieldError("$", $"not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})")], null);
        }
    }

    public static ParseResult Parse(JsonElement root, DateTimeOffset now)
    {
        var errors = new List<FieldError>();
        if (root.ValueKind != JsonValueKind.Object)
            return new ParseResult(null, [new FieldError("$", $"must be a JSON object, got {root.ValueKind}")], null);

        var instructionId = RequiredString(root, "instructionId", errors);
        if (instructionId is not null)
        {
            if (instructionId.Length is < 1 or > 64) errors.Add(new("instructionId", "must be 1–64 characters"));
            else if (instructionId.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) && c != ' ') || string.IsNullOrWhiteSpace(instructionId))
                errors.Add(new("instructionId", "must contain printable characters only"));
        }
        var source = RequiredEnum<InstructionSource>(root, "source", errors);
        var kind = RequiredEnum<InstructionKind>(root, "kind", errors);
        var risk = RequiredEnum<RiskLevel>(root, "riskLevel", errors);
        var fraudType = OptionalString(root, "fraudType", errors);
        if (fraudType is { Length: > 64 }) errors.Add(new("fraudType", "must be at most 64 characters"));

        DateTimeOffset? issuedAt = null;
        var issuedText = RequiredString(root, "issuedAt", errors);
        if (issuedText is not null)
        {
            if (!IsoWithOffset().IsMatch(issuedText) ||
                !DateTimeOffset.TryParse(issuedText, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                errors.Add(new("issuedAt", "must be an ISO-8601 date-time with an offset, e.g. 2026-11-21T08:15:00+08:00"));
            else if (parsed > now + MaxClockSkew)
                errors.Add(new("issuedAt", $"is {(parsed - now).TotalMinutes:0} minutes in the future; at most 5 minutes are allowed"));
            else
                issuedAt = parsed;
        }

        WarningSubject? subject = null;
        if (!TryGet(root, "subject", out var s) || s.ValueKind == JsonValueKind.Null)
            errors.Add(new("subject", "is required"));
        else if (s.ValueKind != JsonValueKind.Object)
            errors.Add(new("subject", "must be an object"));
        else
            subject = ParseSubject(s, errors);

        WarningContext? context = null;
        if (TryGet(root, "context", out var c) && c.ValueKind != JsonValueKind.Null)
        {
            if (c.ValueKind != JsonValueKind.Object) errors.Add(new("context", "must be an object"));
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
    public static ParseResult Validate(DispatchWarning instruction, DateTimeOffset now) =>
        Parse(JsonSerializer.SerializeToElement(instruction, WireFormat.Options), now);

    static WarningSubject? ParseSubject(JsonElement s, List<FieldError> errors)
    {
        var name = OptionalString(s, "name", errors, "subject.");
        var phone = RequiredString(s, "phone", errors, "subject.");
        if (phone is not null && !E164().IsMatch(phone))
            errors.Add(new("subject.phone", "must be an E.164 number: + and 8 to 15 digits, e.g. +8613800000000"));
        var address = OptionalString(s, "address", errors, "subject.");
        var regionCode = OptionalString(s, "regionCode", errors, "subject.");
        if (regionCode is not null && !SixDigits().IsMatch(regionCode))
            errors.Add(new("subject.regionCode", "must be exactly 6 digits, e.g. 451223"));

        GeoPoint? location = null;
        var hasLocation = TryGet(s, "location", out var l) && l.ValueKind != JsonValueKind.Null;
        if (hasLocation)
        {
            if (l.ValueKind != JsonValueKind.Object) errors.Add(new("subject.location", "must be an object with lat and lon"));
            else
            {
                var lat = RequiredNumber(l, "lat", errors, "subject.location.");
                var lon = RequiredNumber(l, "lon", errors, "subject.location.");
                if (lat is < -90 or > 90) errors.Add(new("subject.location.lat", "must be between -90 and 90"));
                if (lon is < -180 or > 180) errors.Add(new("subject.location.lon", "must be between -180 and 180"));
                if (lat is >= -90 and <= 90 && lon is >= -180 and <= 180) location = new GeoPoint { Lat = lat.Value, Lon = lon.Value };
            }
        }
        var hasRegionCode = TryGet(s, "regionCode", out var rc) && rc.ValueKind != JsonValueKind.Null;
        if (!hasLocation && !hasRegionCode)
            errors.Add(new("subject.location", "subject.location or subject.regionCode is required"));
        return phone is null ? null : new WarningSubject { Name = name, Phone = phone, Address = address, Location = location, RegionCode = regionCode };
    }

    static WarningContext ParseContext(JsonElement c, List<FieldError> errors)
    {
        bool? onCallNow = null;
        if (TryGet(c, "onCallNow", out var call) && call.ValueKind != JsonValueKind.Null)
        {
            if (call.ValueKind is JsonValueKind.True or JsonValueKind.False) onCallNow = call.GetBoolean();
            else errors.Add(new("context.onCallNow", "must be true or false"));
        }
        decimal? amount = null;
        if (TryGet(c, "amountAtRisk", out var a) && a.ValueKind != JsonValueKind.Null)
        {
            if (a.ValueKind != JsonValueKind.Number || !a.TryGetDecimal(out var value)) errors.Add(new("context.amountAtRisk", "must be a number"));
            else if (value < 0) errors.Add(new("context.amountAtRisk", "must be 0 or more"));
            else amount = value;
        }
        var counterpart = OptionalString(c, "counterpartNumber", errors, "context.");
        var note = OptionalString(c, "note", errors, "context.");
        if (note is { Length: > 1000 }) errors.Add(new("context.note", "must be at most 1000 characters"));
        return new WarningContext { OnCallNow = onCallNow, AmountAtRisk = amount, CounterpartNumber = counterpart, Note = note };
    }

    static bool TryGet(JsonElement obj, string name, out JsonElement value)
    {
        if (obj.TryGetProperty(name, out value)) return true;
        foreach (var p in obj.EnumerateObject())
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)) { value = p.Value; return true; }
        return false;
    }

    static string? RequiredString(JsonElement obj, string name, List<FieldError> errors, string prefix = "")
    {
        if (!TryGet(obj, name, out var v) || v.ValueKind == JsonValueKind.Null) { errors.Add(new(prefix + name, "is required")); return null; }
        if (v.ValueKind != JsonValueKind.String) { errors.Add(new(prefix + name, $"must be a string, got {v.ValueKind}")); return null; }
        return v.GetString();
    }

    static string? OptionalString(JsonElement obj, string name, List<FieldError> errors, string prefix = "")
    {
        if (!TryGet(obj, name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.String) { errors.Add(new(prefix + name, $"must be a string, got {v.ValueKind}")); return null; }
        return v.GetString();
    }

    static double? RequiredNumber(JsonElement obj, string name, List<FieldError> errors, string prefix)
    {
        if (!TryGet(obj, name, out var v) || v.ValueKind == JsonValueKind.Null) { errors.Add(new(prefix + name, "is required")); return null; }
        if (v.ValueKind != JsonValueKind.Number) { errors.Add(new(prefix + name, $"must be a number, got {v.ValueKind}")); return null; }
        return v.GetDouble();
    }

    static TEnum? RequiredEnum<TEnum>(JsonElement obj, string name, List<FieldError> errors) where TEnum : struct, Enum
    {
        var allowed = string.Join(", ", Enum.GetNames<TEnum>());
        if (!TryGet(obj, name, out var v) || v.ValueKind == JsonValueKind.Null) { errors.Add(new(name, $"is required: one of {allowed}")); return null; }
        if (v.ValueKind == JsonValueKind.String && Enum.GetNames<TEnum>().FirstOrDefault(n => n.Equals(v.GetString(), StringComparison.OrdinalIgnoreCase)) is { } match)
            return Enum.Parse<TEnum>(match);
        errors.Add(new(name, $"must be one of {allowed}"));
        return null;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex IsoWithOffset();

    [GeneratedRegex(@"^\+[1-9]\d{7,14}$")]
    private static partial Regex E164();

    [GeneratedRegex(@"^\d{6}$")]
    private static partial Regex SixDigits();
}
