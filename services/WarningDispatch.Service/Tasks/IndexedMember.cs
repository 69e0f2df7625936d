namespace WarningDispatch.Service.Tasks;

/// <summary>A member of a sorted index with its score.</summary>
public readonly record struct IndexedMember(string Member, double Score);
