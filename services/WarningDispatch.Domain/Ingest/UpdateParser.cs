using System.Globalization;
using System.Text.Json;
using WarningDispatch.Contracts;

namespace WarningDispatch.Domain.Ingest;

/// <summary>
/// Reads an update to a warning in progress (INTERFACE.md §7) from raw JSON by the instruction's own rules and
/// helpers (<see cref="InstructionParser"/>): every broken rule at once, named by field, never echoing a value, and
/// never a throw for what a sender wrote.
/// </summary>
public static class UpdateParser
{
    /// <summary>The fields an update may carry; at least one of them.</summary>
    public static readonly IReadOnlyList<string> Fields = ["location", "address", "onCallNow", "amountAtRisk", "note"];

    public static UpdateParseResult Parse(ReadOnlySpan<byte> json, DateTimeOffset now)
    {
        if (InstructionParser.Open(json, out var doc) is { } whole)
            return new(null, [whole], InstructionParser.TryReadInstructionId(json));
        using (doc) return Parse(doc!.RootElement, now);
    }

    public static UpdateParseResult Parse(JsonElement root, DateTimeOffset now)
    {
        if (root.ValueKind != JsonValueKind.Object)
            return new(null, [new FieldError("$", RuleText.NotAnObject(root.ValueKind))], null);
        var errors = new List<FieldError>();
        var updateId = InstructionParser.RequiredString(root, "updateId", errors);
        if (updateId is not null && InstructionParser.InstructionIdProblem(updateId) is { } problem)
        {
            errors.Add(new("updateId", problem));
            updateId = null;
        }
        var instructionId = InstructionParser.ReadInstructionId(root, errors);
        var occurredAt = ReadPastTime(root, "occurredAt", now, errors);
        var location = InstructionParser.Location(root, errors);
        var address = InstructionParser.Text(root, "address", 256, errors);
        var onCallNow = InstructionParser.Boolean(root, "onCallNow", errors);
        var amount = InstructionParser.Amount(root, "amountAtRisk", errors);
        var note = InstructionParser.Text(root, "note", 1000, errors, allowLineBreaks: true);
        if (!Fields.Any(f => InstructionParser.TryGet(root, f, out var v) && v.ValueKind != JsonValueKind.Null))
            errors.Add(new("$", RuleText.UpdateNeedsAField(Fields)));

        if (errors.Count > 0) return new(null, errors, instructionId);
        return new(new WarningUpdate
        {
            UpdateId = updateId!,
            InstructionId = instructionId!,
            OccurredAt = occurredAt!.Value,
            Location = location,
            Address = address,
            OnCallNow = onCallNow,
            AmountAtRisk = amount,
            Note = note,
        }, errors, instructionId);
    }

    /// <summary>Checks an update that arrived already typed (a MassTransit envelope) by the same rules.</summary>
    public static UpdateParseResult Validate(WarningUpdate update, DateTimeOffset now)
    {
        byte[] json;
        try { json = JsonSerializer.SerializeToUtf8Bytes(update, WireFormat.Options); }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or JsonException)
        {
            return new(null, [new FieldError("$", RuleText.LoneSurrogate)], null);
        }
        return Parse(json, now);
    }

    /// <summary>
    /// A required time with its offset that may be old but not in the future (beyond the clock skew): when upstream
    /// learned an update (an old one loses to newer values), when a fraud was reported.
    /// </summary>
    internal static DateTimeOffset? ReadPastTime(JsonElement root, string name, DateTimeOffset now,
        List<FieldError> errors)
    {
        var text = InstructionParser.RequiredString(root, name, errors);
        if (text is null) return null;
        if (!InstructionParser.IsoWithOffset().IsMatch(text) ||
            !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            errors.Add(new(name, RuleText.NotIsoDate));
            return null;
        }
        if (at > now + InstructionParser.MaxClockSkew)
        {
            errors.Add(new(name, RuleText.InFuture((at - now).TotalMinutes)));
            return null;
        }
        return at;
    }
}
