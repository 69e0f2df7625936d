using System.Text.Json.Serialization;
using WarningDispatch.Contracts;

namespace WarningDispatch.Service.FraudReports;

/// <summary>
/// A fraud report as kept: the report itself (its subject in full, as a task keeps its person: masked on every read
/// for viewers without the right), when it came, and once applied, the tasks it marked.
/// </summary>
public sealed record StoredFraudReport
{
    public required FraudReport Report { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    /// <summary>"http", "amqp" or "replay".</summary>
    public required string Channel { get; init; }
    /// <summary>When its matching ran; null while it waits in the outbox.</summary>
    public DateTimeOffset? AppliedAt { get; init; }
    /// <summary>The tasks it marked "defrauded after warning"; empty when it matched no warning.</summary>
    public IReadOnlyList<string> MatchedTaskIds { get; init; } = [];

    /// <summary>Matched at least one warning; false for "defrauded without a warning" (and while not applied).
    /// </summary>
    [JsonIgnore] public bool Matched => MatchedTaskIds.Count > 0;
}
