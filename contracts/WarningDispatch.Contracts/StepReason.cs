namespace WarningDispatch.Contracts;

/// <summary>
/// One reason of a step, e.g. <c>{ "code": "NearestPost", "parameters": { "km": "4.2" } }</c>. Parameter values are
/// invariant text: ids, numbers with a dot, times as ISO 8601 in the instruction's own offset.
/// </summary>
public sealed record StepReason(ReasonCode Code, IReadOnlyDictionary<string, string> Parameters)
{
    /// <summary>Equal by value, parameters included (a record would compare the dictionary by reference).</summary>
    public bool Equals(StepReason? other) =>
        other is not null && Code == other.Code && Parameters.Count == other.Parameters.Count
        && Parameters.All(p => other.Parameters.TryGetValue(p.Key, out var v) && v == p.Value);

    public override int GetHashCode() => HashCode.Combine(Code, Parameters.Count);
}
