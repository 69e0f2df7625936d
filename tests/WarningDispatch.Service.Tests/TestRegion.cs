using System.Text.Json.Nodes;
using WarningDispatch.Service.Identity;

namespace WarningDispatch.Service.Tests;

/// <summary>A region file for one test: the demo region's posts and officers with the test's own accounts.</summary>
internal sealed class TestRegion : IDisposable
{
    public const string PersonalPassword = "a-long-personal-passphrase";
    // Hashing is deliberately slow: once for all tests.
    static readonly Lazy<string> PersonalHash = new(() => AccountDirectory.HashPassword(PersonalPassword));

    public TestRegion(params JsonObject[] accounts)
    {
        var demo = System.IO.Path.Combine(AppContext.BaseDirectory, "Officers", "demo-region.json");
        var region = JsonNode.Parse(File.ReadAllText(demo))!;
        region["accounts"] = new JsonArray(accounts.Cast<JsonNode>().ToArray());
        File.WriteAllText(Path, region.ToJsonString());
    }

    public string Path { get; } =
        System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"wd-region-{Guid.NewGuid():N}.json");

    /// <summary>A city duty officer, not a demo account;
    /// by default with a hash of <see cref="PersonalPassword"/>.</summary>
    public static JsonObject Account(string username, bool hashed = true, string? plainPassword = null)
    {
        var account = new JsonObject
        {
            ["username"] = username, ["role"] = "DutyOfficer", ["areaId"] = "HC", ["displayName"] = "值班员",
        };
        if (hashed) account["passwordHash"] = PersonalHash.Value;
        if (plainPassword is not null) account["password"] = plainPassword;
        return account;
    }

    public void Dispose() => File.Delete(Path);
}
