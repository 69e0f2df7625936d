using System.Diagnostics;

namespace WarningDispatch.Service.Hosting;

/// <summary>The service's own spans (ingest, routing, store, push), under the activity source
/// <c>WarningDispatch</c>.</summary>
public static class DispatchTelemetry
{
    public const string SourceName = "WarningDispatch";
    public static readonly ActivitySource Source = new(SourceName);
}
