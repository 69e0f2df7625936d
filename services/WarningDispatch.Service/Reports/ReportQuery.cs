namespace WarningDispatch.Service.Reports;

/// <summary>
/// <c>GET /api/reports/summary</c>: <c>from</c>/<c>to</c> local days (YYYY-MM-DD; neither: today), <c>areaId</c>
/// (default the caller's area), <c>format</c> json|csv|xlsx, <c>lang</c> zh-CN|en for the files' words (default
/// from Accept-Language, else zh-CN).
/// </summary>
public sealed record ReportQuery(string? From, string? To, string? AreaId, string? Format, string? Lang);
