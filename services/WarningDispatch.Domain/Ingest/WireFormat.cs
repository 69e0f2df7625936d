using System.Text.Json;
using System.Text.Json.Serialization;

namespace WarningDispatch.Domain.Ingest;

/// <summary>
/// The JSON shape of INTERFACE.md: camelCase names, enums as their names only, numbers as JSON numbers only. Strict,
/// because a lenient read turns <c>"0"</c> or <c>"100"</c> into a value nobody sent on purpose.
/// </summary>
public static class WireFormat
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        // The web defaults read numbers from strings.
        options.NumberHandling = JsonNumberHandling.Strict;
        // Replaces any lenient converter the caller's defaults brought (integer values would select an enum member).
        foreach (var lenient in options.Converters.OfType<JsonStringEnumConverter>().ToList())
            options.Converters.Remove(lenient);
        options.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
        return options;
    }
}
