using WarningDispatch.Domain.Ingest;

namespace WarningDispatch.Service.Ingest;

/// <summary>What the list of rejections shows: why, when, from where, for which area — never the body.</summary>
public record RejectionSummary
{
    public required string RejectionId { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    /// <summary>"amqp", "http" or "replay".</summary>
    public required string Channel { get; init; }
    /// <summary>The instruction id when one could be read and passes the id rules.</summary>
    public string? InstructionId { get; init; }
    public required IReadOnlyList<FieldError> Errors { get; init; }
    /// <summary>The size of the body as it arrived; larger than the kept body when that was cut.</summary>
    public required int BodyBytes { get; init; }
    public bool BodyTruncated { get; init; }
    /// <summary>The posts whose duty officers may see it (the person's area, when it could be read); empty: top
    /// only.</summary>
    public IReadOnlyList<string> AreaIds { get; init; } = [];
    public DateTimeOffset? ReplayedAt { get; init; }
    /// <summary>The task the replay made, when it was valid by then.</summary>
    public string? ReplayTaskId { get; init; }

    /// <summary>Only the summary: for the list, and for storing apart from the body.</summary>
    public RejectionSummary ToSummary() => new(this);
}
