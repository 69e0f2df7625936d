using System.Text.Json.Serialization;
using WarningDispatch.Contracts;

namespace WarningDispatch.Domain.Cases;

/// <summary>
/// One task of a case as the case record keeps it, rewritten by every commit of that task: its warning, and enough
/// to link, route and resolve without reading the task. <see cref="IdKey"/> tells two people who share a phone apart.
/// </summary>
public sealed record CaseMember
{
    public required CaseWarning Warning { get; init; }
    public string? IdKey { get; init; }
    public bool Active { get; init; }
    public DateTimeOffset? ResolvedAt { get; init; }
    public string? PostId { get; init; }
    public string? OfficerId { get; init; }
    [JsonIgnore] public string TaskId => Warning.TaskId;
    /// <summary>The officer has the task (assigned or working it), not a task waiting in no one's hands.</summary>
    [JsonIgnore] public bool Routed => Active && OfficerId is not null;
}
