namespace WarningDispatch.Contracts;

/// <summary>WGS-84 latitude (−90…90) and longitude (−180…180) in degrees.</summary>
public record GeoPoint
{
    public required double Lat { get; init; }
    public required double Lon { get; init; }
}
