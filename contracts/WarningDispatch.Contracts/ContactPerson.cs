namespace WarningDispatch.Contracts;

/// <summary>Someone to call when the person cannot be reached: family, a neighbour. Personal data: never
/// logged.</summary>
public record ContactPerson
{
    public string? Name { get; init; }
    /// <summary>E.164, e.g. +8613900000000.</summary>
    public required string Phone { get; init; }
    /// <summary>Free text, e.g. "son", "儿子".</summary>
    public string? Relation { get; init; }
}
