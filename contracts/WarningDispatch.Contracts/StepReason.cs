namespace WarningDispatch.Contracts;

/// <summary>
/// One reason of a step, e.g. <c>{ "code": "NearestPost", "parameters": { "km": "4.2" } }</c>. Parameter values are
/// invariant text: ids, numbers with a dot, times as ISO 8601 in the instruction's own offset.
/// </summary>
public sealed record StepReason(ReasonCode Code, IReadOnlyDictionary<string, string> Parameters);
