namespace WarningDispatch.Domain.Cases;

/// <summary>A person key and the case it must still point to when the link is committed (null: none).</summary>
public sealed record PersonKeyExpectation(string Key, string? Expected);
