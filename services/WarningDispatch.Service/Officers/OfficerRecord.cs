namespace WarningDispatch.Service.Officers;

/// <summary>An officer as the region file lists them; <c>OnDuty</c> seeds the duty status.</summary>
public sealed record OfficerRecord(string OfficerId, string Name, string PostId, bool OnDuty);
