namespace WarningDispatch.Service.Ingest;

public sealed class IngestOptions
{
    public const string Section = "Ingest";
    /// <summary>Keys accepted in the <c>X-Api-Key</c> header of <c>POST /api/warnings</c>.</summary>
    public List<string> ApiKeys { get; set; } = [];
    /// <summary>The size cap of one message, the same on HTTP and on every AMQP exchange.</summary>
    public int MaxBodyBytes { get; set; } = 64 * 1024;
    /// <summary>Instructions issued longer ago are rejected (see <c>InstructionParser.DefaultMaxAge</c> for
    /// why).</summary>
    public TimeSpan MaxAge { get; set; } = Domain.Ingest.InstructionParser.DefaultMaxAge;
}
