using System.Diagnostics.CodeAnalysis;

namespace WarningDispatch.Service.Ingest;

/// <summary>A message that broke a rule, kept with its raw body so an operator can read and replay it.</summary>
public sealed record Rejection : RejectionSummary
{
    /// <summary>
    /// The body as received, decoded as UTF-8 (bytes that are not UTF-8 show as U+FFFD), cut to its first 4 KB when
    /// over the size cap. Holds personal data: shown masked to viewers without the right to see it.
    /// </summary>
    public required string Body { get; init; }

    public Rejection() { }

    [SetsRequiredMembers]
    public Rejection(RejectionSummary summary, string body) : base(summary) => Body = body;
}
