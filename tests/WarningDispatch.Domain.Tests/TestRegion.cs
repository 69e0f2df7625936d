using WarningDispatch.Contracts;
using WarningDispatch.Domain.Escalation;
using WarningDispatch.Domain.Routing;
using WarningDispatch.Domain.Tasks;

namespace WarningDispatch.Domain.Tests;

/// <summary>
/// A small region: city C; county K1 with stations S1 (jurisdiction of 451223, urban), S2 (~4 km east, suburban),
/// S3 (~20 km north, rural); county K2 far away with station S4 (~110 km).
/// </summary>
public static class TestRegion
{
    public static readonly PolicePost C = new("C", "City centre", PostLevel.City, null, 24.70, 108.05,
        AreaType.Urban, []);
    public static readonly PolicePost K1 = new("K1", "County centre 1", PostLevel.County, "C", 24.55, 107.05,
        AreaType.Urban, []);
    public static readonly PolicePost K2 = new("K2", "County centre 2", PostLevel.County, "C", 24.70, 108.10,
        AreaType.Urban, []);
    public static readonly PolicePost S1 = new("S1", "Station 1", PostLevel.Station, "K1", 24.546, 107.042,
        AreaType.Urban, ["451223"]);
    public static readonly PolicePost S2 = new("S2", "Station 2", PostLevel.Station, "K1", 24.546, 107.082,
        AreaType.Suburban, []);
    public static readonly PolicePost S3 = new("S3", "Station 3", PostLevel.Station, "K1", 24.726, 107.042,
        AreaType.Rural, ["451299"]);
    public static readonly PolicePost S4 = new("S4", "Station 4", PostLevel.Station, "K2", 24.70, 108.12,
        AreaType.Urban, []);

    public static PostRegistry Registry() => new([C, K1, K2, S1, S2, S3, S4]);

    public static Router Router(double maxKm = 60) => new(Registry(), new RoutingOptions { MaxNearestKm = maxKm });

    public static readonly DateTimeOffset T0 = new(2026, 11, 21, 8, 15, 0, TimeSpan.FromHours(8));

    /// <summary>The service's default <c>FollowUp:After</c>, for the tests that resolve tasks.</summary>
    public static readonly FollowUpPolicy FollowUp = new(TimeSpan.FromHours(72));

    public static DispatchWarning Instruction(RiskLevel risk = RiskLevel.Medium, string? regionCode = "451223",
        GeoPoint? location = null, bool? onCallNow = null, decimal? amount = null,
        DateTimeOffset? issuedAt = null) => new()
    {
        InstructionId = "GX-20261121-000123",
        Source = InstructionSource.NationalCenter,
        Kind = InstructionKind.FundTransfer,
        RiskLevel = risk,
        IssuedAt = issuedAt ?? T0,
        Subject = new WarningSubject { Name = "罗某某", Phone = "+8613800000000", Address = "凤山县凤城镇",
            RegionCode = regionCode, Location = location },
        Context = new WarningContext { OnCallNow = onCallNow, AmountAtRisk = amount },
    };
}

/// <summary>Who is on duty, set by each test. Off-duty officers are simply not listed, as the real
/// roster does.</summary>
public sealed class FakeRoster : IDutyRoster
{
    readonly Dictionary<string, List<OfficerLoad>> _byPost = new();

    public FakeRoster OnDuty(string postId, string officerId, int openTasks = 0)
    {
        if (!_byPost.TryGetValue(postId, out var list)) _byPost[postId] = list = [];
        list.Add(new OfficerLoad(officerId, postId, openTasks));
        return this;
    }

    public FakeRoster OffDuty(string officerId)
    {
        foreach (var list in _byPost.Values) list.RemoveAll(o => o.OfficerId == officerId);
        return this;
    }

    public IReadOnlyList<OfficerLoad> OnDutyAt(string postId) => _byPost.GetValueOrDefault(postId) ?? [];
}
