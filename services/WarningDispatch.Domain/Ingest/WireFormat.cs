using System.Text.Json;
using System.Text.Json.Serialization;

namespace WarningDispatch.Domain.Ingest;

/// <summary>The JSON shape of INTERFACE.md: camelCase names, enums as strings.</summary>
public static class WireFormat
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        if (!options.Converters.OfType<JsonStringEnumConverter>().Any())
            options.Converters.Add(new JsonStringEnumConverter());
        return options;
    }
}
