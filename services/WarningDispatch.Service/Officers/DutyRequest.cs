namespace WarningDispatch.Service.Officers;

/// <summary>The body of <c>POST /api/officers/{officerId}/duty</c>.</summary>
public sealed record DutyRequest(bool? OnDuty);
