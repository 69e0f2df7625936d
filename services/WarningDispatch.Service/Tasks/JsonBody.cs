using System.Reflection;
using System.Text.Json;
using WarningDispatch.Domain.Ingest;

namespace WarningDispatch.Service.Tasks;

/// <summary>
/// Reads a request's JSON body strictly (<see cref="WireFormat"/>) and answers 400 problem+json naming the field that
/// is wrong; model binding would answer a bare 400 without saying which field it could not read.
/// </summary>
public static class JsonBody
{
    public static async Task<(T? Body, IResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken ct)
        where T : class
    {
        if (!request.HasJsonContentType())
            return (null, Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "请求体须为 application/json (the body must be application/json)"));
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, new JsonDocumentOptions { MaxDepth = 16 }, ct);
        }
        catch (JsonException)
        {
            return (null, Invalid("$", "请求体不是有效的 JSON (the body is not valid JSON)"));
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return (null, Invalid("$", "请求体须为 JSON 对象 (the body must be a JSON object)"));
            try
            {
                return (document.RootElement.Deserialize<T>(WireFormat.Options)!, null);
            }
            catch (JsonException e)
            {
                var field = e.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal)
                    ? path[2..] : "$";
                return (null, Invalid(field, Expected<T>(field)));
            }
        }
    }

    static IResult Invalid(string field, string reason) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [reason] });

    static string Expected<T>(string field)
    {
        var property = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .FirstOrDefault(p => p.Name.Equals(field, StringComparison.OrdinalIgnoreCase));
        var type = property is null ? null : Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        return type == typeof(decimal) ? $"{field} 须为 JSON 数字 ({field} must be a JSON number)"
            : type == typeof(bool) ? $"{field} 须为 true 或 false ({field} must be true or false)"
            : type == typeof(string) ? $"{field} 须为字符串 ({field} must be a string)"
            : $"{field} 的值无法读取 ({field} cannot be read)";
    }
}
