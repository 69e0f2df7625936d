namespace WarningDispatch.Service.Tasks;

/// <summary>
/// <c>GET /api/tasks/search</c>: one of <see cref="InstructionId"/>, <see cref="CaseId"/> and <see cref="Phone"/>,
/// or a day range alone (<see cref="From"/>/<see cref="To"/>, YYYY-MM-DD in <c>Reporting:TimeZone</c>), which also
/// narrows the others. Page from 1; page size 1–100 (25).
/// </summary>
public sealed record TaskSearchQuery(
    string? InstructionId, string? CaseId, string? Phone, string? From, string? To, string? Page, string? PageSize);
