namespace WarningDispatch.Domain.Routing;

/// <summary>Configurable routing limits.</summary>
public sealed record RoutingOptions
{
    /// <summary>How far the nearest-station search looks before going up the hierarchy.</summary>
    public double MaxNearestKm { get; init; } = 60;
}
