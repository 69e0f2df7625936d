using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using WarningDispatch.Service;

namespace WarningDispatch.Browser.Tests;

/// <summary>
/// The service's own measure of receiving an instruction → pushing its new task to the consoles
/// (<c>dispatch.push.latency</c>, meter <c>WarningDispatch</c>), one value per new task, in milliseconds.
/// </summary>
public sealed class PushLatency : IDisposable
{
    readonly MeterListener _listener = new();
    readonly ConcurrentQueue<double> _values = new();

    public PushLatency()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument is { Name: "dispatch.push.latency", Meter.Name: DispatchMetrics.MeterName })
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<double>((_, value, _, _) => _values.Enqueue(value));
        _listener.Start();
    }

    public IReadOnlyList<double> Values => _values.ToList();

    public void Dispose() => _listener.Dispose();
}
