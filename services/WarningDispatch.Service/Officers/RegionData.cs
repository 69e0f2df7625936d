using System.Text.Json;
using WarningDispatch.Domain.Ingest;
using WarningDispatch.Domain.Routing;

namespace WarningDispatch.Service.Officers;

/// <summary>The region file: posts, officers and sign-in accounts (the demo ships Hechi, Guangxi).</summary>
public sealed record RegionData(
    string Region, IReadOnlyList<PostRecord> Posts, IReadOnlyList<OfficerRecord> Officers,
    IReadOnlyList<AccountRecord> Accounts)
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
