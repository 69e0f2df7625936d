using System.Globalization;
using System.Text;
using System.Text.Json;

namespace WarningDispatch.Bench;

/// <summary>
/// The benchmark region, generated: a city centre (the root every duty board watches), county centres, and stations
/// with five officers each, every officer on duty with a field-officer account; plus duty-officer accounts whose
/// area is the city root, so each board receives every task.
/// </summary>
sealed class BenchRegion
{
    public const string Password = "bench";
    public const string Root = "CITY";
    public sealed record Station(string PostId, string RegionCode, double Lat, double Lon);

    public IReadOnlyList<Station> Stations { get; }
    public IReadOnlyList<string> OfficerIds { get; }
    public IReadOnlyList<string> OfficerUsers { get; }
    public IReadOnlyList<string> BoardUsers { get; }
    public string Json { get; }

    public BenchRegion(int officers = 1000, int officersPerStation = 5, int counties = 10, int boards = 20,
        int seed = 42)
    {
        var rng = new Random(seed);
        const double rootLat = 24.6928, rootLon = 108.0838;
        var posts = new List<object>
        {
            new { postId = Root, name = "基准市反诈中心", level = "City", parentId = (string?)null,
                lat = rootLat, lon = rootLon, areaType = "Urban", regionCodes = new[] { "459900" } },
        };
        var countyCentres = new List<(string Id, double Lat, double Lon)>();
        for (var k = 0; k < counties; k++)
        {
            var angle = 2 * Math.PI * k / counties;
            var (lat, lon) = Move(rootLat, rootLon, 60 * Math.Cos(angle), 60 * Math.Sin(angle));
            var id = $"K{k + 1:00}";
            countyCentres.Add((id, lat, lon));
            posts.Add(new { postId = id, name = $"基准县{k + 1}反诈中心", level = "County",
                parentId = (string?)Root, lat, lon, areaType = k % 3 == 0 ? "Urban" : "Suburban",
                regionCodes = Array.Empty<string>() });
        }
        var stationCount = (officers + officersPerStation - 1) / officersPerStation;
        var stations = new List<Station>();
        for (var s = 0; s < stationCount; s++)
        {
            var county = countyCentres[s % counties];
            var (lat, lon) = Move(county.Lat, county.Lon, Gauss(rng) * 15, Gauss(rng) * 15);
            var station = new Station($"S{s + 1:000}", (451000 + s).ToString(CultureInfo.InvariantCulture), lat, lon);
            stations.Add(station);
            posts.Add(new { postId = station.PostId, name = $"基准派出所{s + 1}", level = "Station",
                parentId = (string?)county.Id, lat, lon,
                areaType = (s % 3) switch { 0 => "Urban", 1 => "Suburban", _ => "Rural" },
                regionCodes = new[] { station.RegionCode } });
        }
        // One hash for every account: the service refuses plain-text passwords; hashing 1,020 times would take seconds.
        var hash = new Microsoft.AspNetCore.Identity.PasswordHasher<object>().HashPassword(null!, Password);
        var officerList = new List<object>();
        var accounts = new List<object>();
        var ids = new List<string>();
        var users = new List<string>();
        for (var o = 0; o < officers; o++)
        {
            var id = $"O{o + 1:0000}";
            var user = $"o{o + 1:0000}";
            ids.Add(id);
            users.Add(user);
            officerList.Add(new { officerId = id, name = $"民警{o + 1}",
                postId = stations[o / officersPerStation].PostId, onDuty = true });
            accounts.Add(new { username = user, passwordHash = hash, role = "FieldOfficer", officerId = id,
                areaId = (string?)null, displayName = $"民警{o + 1}", seesPersonalData = false });
        }
        var boardUsers = new List<string>();
        for (var b = 0; b < boards; b++)
        {
            var user = $"board{b + 1:00}";
            boardUsers.Add(user);
            accounts.Add(new { username = user, passwordHash = hash, role = "DutyOfficer", officerId = (string?)null,
                areaId = Root, displayName = $"值班员{b + 1}", seesPersonalData = false });
        }
        Stations = stations;
        OfficerIds = ids;
        OfficerUsers = users;
        BoardUsers = boardUsers;
        Json = JsonSerializer.Serialize(
            new { region = $"Benchmark region: {stationCount} stations, {officers} officers, {boards} duty boards",
                posts, officers = officerList, accounts },
            new JsonSerializerOptions { WriteIndented = false,
                Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    public string WriteTo(string dir)
    {
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "bench-region.json");
        File.WriteAllText(path, Json, new UTF8Encoding(false));
        return path;
    }

    static double Gauss(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    static (double Lat, double Lon) Move(double lat, double lon, double northKm, double eastKm) =>
        (lat + northKm / 111.2, lon + eastKm / (111.2 * Math.Cos(lat * Math.PI / 180)));
}

/// <summary>
/// Raw-JSON instructions as an upstream system sends them. The instruction id carries the phase and sequence number
/// (B&lt;phase&gt;-&lt;seq&gt;), so a console that receives the task knows which publish it belongs to;
/// context.note carries the publish wall-clock time (Unix µs) for anyone reading the tasks later.
/// </summary>
static class Instructions
{
    public static string Id(int phase, int seq) => $"B{phase:00}-{seq:0000000}";

    /// <summary>Phase and sequence from an instruction id made by <see cref="Id"/>; false for anything else.</summary>
    public static bool TryParseId(ReadOnlySpan<byte> id, out int phase, out int seq)
    {
        phase = seq = 0;
        if (id.Length != 11 || id[0] != (byte)'B' || id[3] != (byte)'-') return false;
        for (var i = 1; i < 3; i++) { if ((uint)(id[i] - '0') > 9) return false; phase = phase * 10 + id[i] - '0'; }
        for (var i = 4; i < 11; i++) { if ((uint)(id[i] - '0') > 9) return false; seq = seq * 10 + id[i] - '0'; }
        return true;
    }

    static readonly string[] Risks = ["High", "Medium", "Medium", "Low", "Low"];
    static readonly string[] Kinds = ["FundTransfer", "SuspiciousCall", "SuspiciousSms", "AppInstall"];

    /// <summary>
    /// Who a warning is about: a new person for nine in ten, and one in ten about the person of five warnings earlier
    /// in the same phase (another source about the same call, moments later: a repeat the service links into one
    /// case). People never recur across phases, so every rate sees the same mix.
    /// </summary>
    static int PersonOf(string id, int seq)
    {
        var phase = TryParseId(System.Text.Encoding.ASCII.GetBytes(id), out var p, out _) ? p : 0;
        var person = seq % 10 == 9 && seq >= 5 ? seq - 5 : seq;
        return new Random(phase * 1_000_003 + person * 7919 + 17).Next(10_000_000, 99_999_999);
    }

    /// <summary>
    /// Half located by region code (jurisdiction), half by coordinates near a station (nearest-post search).
    /// </summary>
    public static byte[] Make(string id, DateTimeOffset issuedAt, BenchRegion.Station station, int seq,
        string? riskLevel = null)
    {
        var rng = new Random(seq * 7919 + 17);
        var risk = riskLevel ?? Risks[seq % Risks.Length];
        string where;
        if (seq % 2 == 0)
            where = $"\"regionCode\":\"{station.RegionCode}\"";
        else
        {
            var lat = station.Lat + (rng.NextDouble() - 0.5) * 0.05;
            var lon = station.Lon + (rng.NextDouble() - 0.5) * 0.05;
            where = $"\"location\":{{\"lat\":{lat.ToString("0.00000", CultureInfo.InvariantCulture)},"
                + $"\"lon\":{lon.ToString("0.00000", CultureInfo.InvariantCulture)}}}";
        }
        var phone = "+86138" + PersonOf(id, seq).ToString(CultureInfo.InvariantCulture);
        var amount = rng.Next(0, 200_000);
        var wallMicros = (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks / 10;
        var json = "{" +
            $"\"instructionId\":\"{id}\",\"source\":\"Telecom\",\"kind\":\"{Kinds[seq % Kinds.Length]}\"," +
            $"\"riskLevel\":\"{risk}\",\"fraudType\":\"ImpersonatingPolice\"," +
            $"\"issuedAt\":\"{issuedAt.ToOffset(TimeSpan.FromHours(8))
                .ToString("yyyy-MM-ddTHH:mm:ss.fffzzz", CultureInfo.InvariantCulture)}\"," +
            $"\"subject\":{{\"name\":\"基准\",\"phone\":\"{phone}\"," +
            $"\"address\":\"基准市某路{seq % 1000}号\",{where}}}," +
            $"\"context\":{{\"onCallNow\":{(seq % 10 == 0 ? "true" : "false")}," +
            $"\"counterpartNumber\":\"+85200000000\",\"amountAtRisk\":{amount}," +
            $"\"note\":\"bench publishedAtUnixUs={wallMicros}\"}}" +
            "}";
        return Encoding.UTF8.GetBytes(json);
    }
}
