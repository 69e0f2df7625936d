using System.Text.Json;
using System.Text.RegularExpressions;
using WarningDispatch.Contracts;

namespace WarningDispatch.Domain.Ingest;

/// <summary>
/// Reads a fraud report (INTERFACE.md §8) from raw JSON by the instruction's rules and helpers
/// (<see cref="InstructionParser"/>): every broken rule at once, named by field, never echoing a value, and never a
/// throw for what a sender wrote. Unlike an instruction (whose fields grow add-only), a report has a closed set of
/// fields: a misspelt <c>idNumbr</c> would otherwise silently match nobody.
/// </summary>
public static partial class FraudReportParser
{
    /// <summary>Far above any one person's loss; a larger figure is a typing or unit error.</summary>
    public const decimal MaxAmountLost = 10_000_000_000m;

    static readonly string[] Fields = ["reportId", "reportedAt", "occurredAt", "subject", "amountLost", "fraudType"];
    static readonly string[] SubjectFields = ["phone", "idNumber", "name"];

    public static FraudReportParseResult Parse(ReadOnlySpan<byte> json, DateTimeOffset now)
    {
        if (InstructionParser.Open(json, out var doc) is { } whole) return new(null, [whole], TryReadReportId(json));
        using (doc) return Parse(doc!.RootElement, now);
    }

    public static FraudReportParseResult Parse(JsonElement root, DateTimeOffset now)
    {
        if (root.ValueKind != JsonValueKind.Object)
            return new(null, [new FieldError("$", RuleText.NotAnObject(root.ValueKind))], null);
        var errors = new List<FieldError>();
        Unknown(root, Fields, "", errors);
        var reportId = ReadReportId(root, errors);
        var reportedAt = UpdateParser.ReadPastTime(root, "reportedAt", now, errors);
        var occurredAt = UpdateParser.ReadPastTime(root, "occurredAt", now, errors);
        if (occurredAt > reportedAt) errors.Add(new("occurredAt", RuleText.OccurredAfterReported));
        var subject = ReadSubject(root, errors);
        var amount = ReadAmountLost(root, errors);
        var fraudType = InstructionParser.Text(root, "fraudType", 64, errors);

        if (errors.Count > 0) return new(null, errors, reportId);
        return new(new FraudReport
        {
            ReportId = reportId!,
            ReportedAt = reportedAt!.Value,
            OccurredAt = occurredAt!.Value,
            Subject = subject!,
            AmountLost = amount!.Value,
            FraudType = fraudType,
        }, errors, reportId);
    }

    /// <summary>Checks a report that arrived already typed (a MassTransit envelope) by the same rules.</summary>
    public static FraudReportParseResult Validate(FraudReport report, DateTimeOffset now)
    {
        byte[] json;
        try { json = JsonSerializer.SerializeToUtf8Bytes(report, WireFormat.Options); }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or JsonException)
        {
            return new(null, [new FieldError("$", RuleText.LoneSurrogate)], null);
        }
        return Parse(json, now);
    }

    /// <summary>The report id of a body that could not be parsed whole, when a streaming read finds a valid one.
    /// </summary>
    public static string? TryReadReportId(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 16 });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1 ||
                    !reader.ValueTextEquals("reportId"u8)) continue;
                if (!reader.Read() || reader.TokenType != JsonTokenType.String) return null;
                var id = reader.GetString();
                return id is not null && InstructionParser.InstructionIdProblem(id) is null
                    ? InstructionParser.Normalize(id)
                    : null;
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Damage before the id: nothing readable.
        }
        return null;
    }

    /// <summary>The idempotency key, by the instruction id's rules (1–64 printable characters, NFKC).</summary>
    static string? ReadReportId(JsonElement root, List<FieldError> errors)
    {
        var id = InstructionParser.RequiredString(root, "reportId", errors);
        if (id is null) return null;
        if (InstructionParser.InstructionIdProblem(id) is { } problem)
        {
            errors.Add(new("reportId", problem));
            return null;
        }
        return InstructionParser.Normalize(id);
    }

    static FraudReportSubject? ReadSubject(JsonElement root, List<FieldError> errors)
    {
        if (!InstructionParser.TryGet(root, "subject", out var s) || s.ValueKind == JsonValueKind.Null)
        {
            errors.Add(new("subject", RuleText.Required));
            return null;
        }
        if (s.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new("subject", RuleText.MustBeObject));
            return null;
        }
        Unknown(s, SubjectFields, "subject.", errors);
        var before = errors.Count;
        var phone = InstructionParser.OptionalString(s, "phone", errors, "subject.");
        if (phone is not null && !InstructionParser.IsE164(phone))
        {
            errors.Add(new("subject.phone", RuleText.NotE164));
            phone = null;
        }
        var idNumber = InstructionParser.ReadIdNumber(s, errors);
        var name = InstructionParser.Text(s, "name", 64, errors, "subject.");
        var hasPhone = InstructionParser.TryGet(s, "phone", out var p) && p.ValueKind != JsonValueKind.Null;
        var hasId = InstructionParser.TryGet(s, "idNumber", out var i) && i.ValueKind != JsonValueKind.Null;
        if (!hasPhone && !hasId) errors.Add(new("subject.phone", RuleText.PhoneOrIdNumber));
        return errors.Count > before
            ? null
            : new FraudReportSubject { Phone = phone, IdNumber = idNumber, Name = name };
    }

    static decimal? ReadAmountLost(JsonElement root, List<FieldError> errors)
    {
        if (!InstructionParser.TryGet(root, "amountLost", out var a) || a.ValueKind == JsonValueKind.Null)
        {
            errors.Add(new("amountLost", RuleText.Required));
            return null;
        }
        var amount = InstructionParser.Amount(root, "amountLost", errors);
        if (amount > MaxAmountLost)
        {
            errors.Add(new("amountLost", RuleText.AmountAtMost(MaxAmountLost)));
            return null;
        }
        return amount;
    }

    /// <summary>
    /// A key the message does not have (compared as leniently as the fields are read), at its path when the key is a
    /// plain identifier; any other key is the sender's text (it may be personal data or reorder a log line), so it is
    /// named only by the object that holds it.
    /// </summary>
    static void Unknown(JsonElement obj, string[] known, string prefix, List<FieldError> errors)
    {
        var holder = prefix.Length > 0 ? prefix.TrimEnd('.') : "$";
        foreach (var p in obj.EnumerateObject())
            if (!known.Any(k => string.Equals(k, p.Name, StringComparison.OrdinalIgnoreCase)))
                errors.Add(new(PlainKey().IsMatch(p.Name) ? prefix + p.Name : holder, RuleText.UnknownField));
    }

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_]{0,63}\z")]
    private static partial Regex PlainKey();
}
