using System.Text.Json;
using WarningDispatch.Contracts;
using WarningDispatch.Domain.Ingest;
using WarningDispatch.Domain.Routing;

namespace WarningDispatch.Service.Officers;

public sealed record OfficerRecord(string OfficerId, string Name, string PostId, bool OnDuty);

/// <summary>
/// A sign-in account. <see cref="PasswordHash"/> is ASP.NET Core Identity's PasswordHasher V3 format (make one with
/// <c>hash-password</c>). <see cref="Password"/> is read only so that start-up can refuse a plain-text password by
/// name; it is never used to sign in. <see cref="Demo"/> marks the demo accounts, refused outside Development and
/// Testing.
/// </summary>
public sealed record AccountRecord(
    string Username, string? PasswordHash, string Role, string? OfficerId, string? AreaId, string DisplayName,
    bool SeesPersonalData = false, bool Demo = false, string? Password = null);

/// <summary>The region file: posts, officers and sign-in accounts (the demo ships Hechi, Guangxi).</summary>
public sealed record RegionData(string Region, IReadOnlyList<PostRecord> Posts, IReadOnlyList<OfficerRecord> Officers, IReadOnlyList<AccountRecord> Accounts)
{
    public static RegionData Load(string path) => Parse(File.ReadAllText(path), path);

    public static RegionData Parse(string json, string source)
    {
        var path = source;
        var data = JsonSerializer.Deserialize<RegionData>(json, WireFormat.Options)
                   ?? throw new InvalidDataException($"{path} is empty.");
        var postIds = data.Posts.Select(p => p.PostId).ToHashSet();
        foreach (var o in data.Officers)
            if (!postIds.Contains(o.PostId))
                throw new InvalidDataException($"{path}: officer {o.OfficerId} belongs to unknown post {o.PostId}.");
        return data;
    }

    public PostRegistry ToRegistry() => new(Posts.Select(p => p.ToPost()));
}

public sealed record PostRecord(string PostId, string Name, PostLevel Level, string? ParentId, double Lat, double Lon, AreaType AreaType, IReadOnlyList<string>? RegionCodes)
{
    public PolicePost ToPost() => new(PostId, Name, Level, ParentId, Lat, Lon, AreaType, RegionCodes ?? []);
}
