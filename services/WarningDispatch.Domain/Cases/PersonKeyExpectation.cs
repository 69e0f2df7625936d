namespace WarningDispatch.Domain.Cases;

/// <summary>A person key, the case it must still point to at commit (null: none), and the case it will point to.</summary>
public sealed record PersonKeyExpectation(string Key, string? Expected);
