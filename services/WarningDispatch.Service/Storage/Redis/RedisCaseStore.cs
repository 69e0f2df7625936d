using System.Text.Json;
using StackExchange.Redis;
using WarningDispatch.Domain.Cases;
using WarningDispatch.Domain.Ingest;
using WarningDispatch.Service.Cases;

namespace WarningDispatch.Service.Storage.Redis;

/// <summary>
/// Cases in Redis: <c>wd:person:{key}</c> → case id, and <c>wd:case:{id}</c> with its version and members. Written
/// only by the task commit (<see cref="RedisScripts.CommitTask"/>); read here without a lock, because the commit
/// that links a new task checks that nothing it read has changed.
/// </summary>
public sealed class RedisCaseStore(RedisGateway redis) : ICaseStore
{
    public async Task<(CaseView? ById, CaseView? ByPhone)> FindAsync(PersonKeys keys, CancellationToken ct)
    {
        var ids = await redis.RunAsync(
            db => db.StringGetAsync(keys.All.Select(k => RedisKeys.Person(k)).ToArray()), ct);
        var byId = keys.IdKey is null ? RedisValue.Null : ids[0];
        var byPhone = ids[^1];
        var idCase = byId.IsNull ? null : await GetCaseAsync(byId!, ct);
        var phoneCase = byPhone.IsNull ? null : byPhone == byId ? idCase : await GetCaseAsync(byPhone!, ct);
        return (idCase, phoneCase);
    }

    public async Task<CaseView?> GetCaseAsync(string caseId, CancellationToken ct)
    {
        var fields = await redis.RunAsync(db => db.HashGetAllAsync(RedisKeys.Case(caseId)), ct);
        if (fields.Length == 0) return null;
        long version = 0;
        var members = new List<CaseMember>();
        foreach (var f in fields)
        {
            if (f.Name == "v") version = (long)f.Value;
            else if (((string)f.Name!).StartsWith("m:", StringComparison.Ordinal))
                members.Add(JsonSerializer.Deserialize<CaseMember>((string)f.Value!, WireFormat.Options)!);
        }
        return new CaseView(caseId, version, members);
    }
}
