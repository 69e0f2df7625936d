namespace WarningDispatch.Contracts;

/// <summary>The person at risk. Personal data: never logged.</summary>
public record WarningSubject
{
    public string? Name { get; init; }
    /// <summary>E.164, e.g. +8613800000000.</summary>
    public required string Phone { get; init; }
    public string? Address { get; init; }
    /// <summary>Where the person is; at least one of <see cref="Location"/> and <see cref="RegionCode"/> is
    /// required.</summary>
    public GeoPoint? Location { get; init; }
    /// <summary>6-digit administrative region code of the person's jurisdiction, e.g. 451223.</summary>
    public string? RegionCode { get; init; }
    /// <summary>18-character resident identity number (GB 11643), upper-case check character. Personal data.</summary>
    public string? IdNumber { get; init; }
    /// <summary>Up to 8 people to call when the person cannot be reached (the "protection circle"). Personal
    /// data.</summary>
    public IReadOnlyList<ContactPerson>? Contacts { get; init; }
}
