namespace WarningDispatch.Domain.Ingest;

/// <summary>One broken rule: the JSON path of the field and what is wrong with it (zh-CN, then English).</summary>
public sealed record FieldError(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}
