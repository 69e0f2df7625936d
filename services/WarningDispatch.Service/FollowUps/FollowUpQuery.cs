namespace WarningDispatch.Service.FollowUps;

/// <summary>
/// <c>GET /api/follow-ups</c>: <see cref="State"/> due (the default: due time reached), overdue (more than
/// <c>FollowUp:Grace</c> past it), upcoming or all; page from 1, page size 1–100 (25).
/// </summary>
public sealed record FollowUpQuery(string? State, string? Page, string? PageSize);
