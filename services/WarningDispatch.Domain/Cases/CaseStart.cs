namespace WarningDispatch.Domain.Cases;

/// <summary>What a new task needs to join its person's case at creation.</summary>
public sealed record CaseStart(CaseLink Link, string? PersonIdKey, CasePolicy Policy);
