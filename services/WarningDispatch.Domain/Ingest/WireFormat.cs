using System.Text.Json;
using System.Text.Json.Serialization;

namespace WarningDispatch.Domain.Ingest;

/// <summary>
/// The JSON shape of INTERFACE.md: camelCase names, enums as their names only, numbers as JSON numbers only. Strict,
/// because a lenient read turns <c>"0"</c> or <c>"100"</c> into a value nobody sent on purpose.
/// </summary>
public static class WireFormat
{
    public static readonly JsonSerializerOptions Options =
        Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>
    /// What the store writes: the same shape without null members, which a read restores as null anyway (every
    /// byte is written to Redis and its append-only file on each change of a task).
    /// </summary>
    public static readonly JsonSerializerOptions Stored =
        new(Options) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        // The web defaults read numbers from strings.
        options.NumberHandling = JsonNumberHandling.Strict;
        // UTF-8 as it is ("+86…", "罗某某"), not \u escapes that triple the bytes: these are JSON bodies and
        // messages, never pasted into HTML (the consoles set text, not markup).
        options.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        // Replaces any lenient converter the caller's defaults brought (integer values would select an enum member).
        foreach (var lenient in options.Converters.OfType<JsonStringEnumConverter>().ToList())
            options.Converters.Remove(lenient);
        options.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
        return options;
    }
}
