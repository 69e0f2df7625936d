namespace WarningDispatch.Service.Tasks;

/// <summary>The body of an action that names nothing but its client action id.</summary>
public sealed record ActionRequest(string? ActionId);
