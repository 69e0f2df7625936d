using System.Text.Json;
using System.Text.Json.Nodes;

namespace WarningDispatch.Domain.Tasks;

/// <summary>
/// Masks the personal data in a raw message body (a rejection, an error-queue entry) for viewers who may not see it.
/// Works on any JSON shape by field name, so a body that broke the contract is masked as well as a valid one; a body
/// that is not readable JSON is withheld whole, since nothing in it can be told apart from personal data.
/// </summary>
public static class RawBodyMask
{
    public const string Withheld = "（已隐藏：无法解析为 JSON，可能含个人信息）"
        + "(withheld: not readable as JSON; may hold personal data)";

    static readonly HashSet<string> Masked = new(StringComparer.OrdinalIgnoreCase)
    {
        "name", "phone", "address", "idNumber", "counterpartNumber", "note", "contacts", "location", "lat", "lon",
    };

    public static string Mask(string body)
    {
        JsonNode? root;
        try { root = JsonNode.Parse(body, documentOptions: new JsonDocumentOptions { MaxDepth = 32 }); }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            return Withheld;
        }
        if (root is null) return body;
        try
        {
            MaskNode(root);
            return root.ToJsonString();
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or JsonException)
        {
            // A lone surrogate cannot be written back out; duplicate keys cannot be held in a JsonObject.
            return Withheld;
        }
    }

    static void MaskNode(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    if (Masked.Contains(key)) obj[key] = MaskValue(key, value);
                    else if (value is not null) MaskNode(value);
                }
                break;
            case JsonArray array:
                foreach (var item in array)
                    if (item is not null) MaskNode(item);
                break;
        }
    }

    static JsonNode? MaskValue(string key, JsonNode? value) =>
        value is JsonValue v && v.TryGetValue<string>(out var text)
            ? JsonValue.Create(key.Contains("phone", StringComparison.OrdinalIgnoreCase)
                               || key.Equals("counterpartNumber", StringComparison.OrdinalIgnoreCase)
                ? PersonalData.MaskPhone(text)
                : key.Equals("name", StringComparison.OrdinalIgnoreCase) && text.Length > 0
                    ? text[..1] + "**"
                    : "***")
            : value is null ? null : JsonValue.Create("***");
}
