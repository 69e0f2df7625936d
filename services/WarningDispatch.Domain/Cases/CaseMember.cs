using WarningDispatch.Contracts;

namespace WarningDispatch.Domain.Cases;

/// <summary>
/// One task of a case as the case record keeps it, rewritten by every commit of that task: enough to link, route and
/// resolve without reading the task. <see cref="IdKey"/> tells two people who share a phone apart.
/// </summary>
public sealed record CaseMember
{
    public required string TaskId { get; init; }
    public required string InstructionId { get; init; }
    public required InstructionSource Source { get; init; }
    public required RiskLevel RiskLevel { get; init; }
    public required DateTimeOffset IssuedAt { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public string? IdKey { get; init; }
    public bool Active { get; init; }
    public DateTimeOffset? ResolvedAt { get; init; }
    public string? PostId { get; init; }
    public string? OfficerId { get; init; }
    /// <summary>The officer has the task (assigned or working it), not a task waiting in no one's hands.</summary>
    public bool Routed => Active && OfficerId is not null;

    public CaseWarning ToWarning() => new()
    {
        TaskId = TaskId, InstructionId = InstructionId, Source = Source, RiskLevel = RiskLevel, IssuedAt = IssuedAt,
        ReceivedAt = ReceivedAt,
    };
}
