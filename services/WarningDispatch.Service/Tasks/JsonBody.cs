using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using WarningDispatch.Contracts;
using WarningDispatch.Domain.Ingest;
using WarningDispatch.Domain.Tasks;

namespace WarningDispatch.Service.Tasks;

/// <summary>
/// Reads a request's JSON body strictly (<see cref="WireFormat"/>) and answers 400 problem+json naming the field that
/// is wrong (with a code, see <see cref="TaskProblems"/>); model binding would answer a bare 400 without saying which
/// field it could not read.
/// </summary>
public static class JsonBody
{
    public static async Task<(T? Body, ProblemHttpResult? Problem)> ReadAsync<T>(
        HttpRequest request, CancellationToken ct) where T : class
    {
        if (!request.HasJsonContentType())
            return (null, TaskProblems.UnsupportedMediaType(new Refusal(ProblemCode.NotJsonContent)));
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, new JsonDocumentOptions { MaxDepth = 16 }, ct);
        }
        catch (JsonException)
        {
            return (null, Invalid("$", ProblemCode.InvalidJson));
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return (null, Invalid("$", ProblemCode.NotJsonObject));
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

    static ProblemHttpResult Invalid(string field, ProblemCode code) =>
        TaskProblems.Invalid(field, new Refusal(code, ("field", field)));

    static ProblemCode Expected<T>(string field)
    {
        var property = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .FirstOrDefault(p => p.Name.Equals(field, StringComparison.OrdinalIgnoreCase));
        var type = property is null ? null : Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        return type == typeof(decimal) ? ProblemCode.MustBeNumber
            : type == typeof(bool) ? ProblemCode.MustBeBoolean
            : type == typeof(string) ? ProblemCode.MustBeString
            : ProblemCode.Unreadable;
    }
}
