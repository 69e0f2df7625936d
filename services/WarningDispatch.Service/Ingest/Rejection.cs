using System.Diagnostics.CodeAnalysis;
using System.Text;
using WarningDispatch.Domain.Ingest;

namespace WarningDispatch.Service.Ingest;

/// <summary>A message that broke a rule, kept with its raw body so an operator can read and replay it.</summary>
public sealed record Rejection : RejectionSummary
{
    /// <summary>
    /// The body as received, decoded as UTF-8 (bytes that are not UTF-8 show as U+FFFD), cut to its first 4 KB when
    /// over the size cap. Holds personal data: shown masked to viewers without the right to see it.
    /// </summary>
    public required string Body { get; init; }

    /// <summary>How much of a body over the size cap is kept for the operator: enough to see what it was.</summary>
    public const int KeptOfOversized = 4096;

    public Rejection() { }

    /// <summary>A body that broke <paramref name="errors"/>, as received on <paramref name="channel"/>; a body over
    /// <paramref name="maxBodyBytes"/> is kept cut to its first 4 KB.</summary>
    public static Rejection Of(ReadOnlyMemory<byte> body, int maxBodyBytes, DateTimeOffset now, string channel,
        string? instructionId, IReadOnlyList<FieldError> errors, IReadOnlyList<string> areaIds)
    {
        var truncated = body.Length > maxBodyBytes;
        return new Rejection
        {
            RejectionId = "rej-" + Guid.CreateVersion7(now).ToString("N")[..20],
            ReceivedAt = now,
            Channel = channel,
            InstructionId = instructionId,
            Errors = errors,
            BodyBytes = body.Length,
            BodyTruncated = truncated,
            AreaIds = areaIds,
            Body = Encoding.UTF8.GetString((truncated ? body[..KeptOfOversized] : body).Span),
        };
    }

    [SetsRequiredMembers]
    public Rejection(RejectionSummary summary, string body) : base(summary) => Body = body;
}
