using StackExchange.Redis;
using WarningDispatch.Service.Tasks;

namespace WarningDispatch.Service.Storage.Redis;

/// <summary>The features' indexes over tasks as the commit script keeps them (<see cref="RedisKeys.Index"/>).</summary>
public sealed class RedisTaskIndexReader(RedisGateway redis) : ITaskIndexReader
{
    public async Task<IReadOnlyList<IndexedMember>> RangeAsync(
        string index, double min, double max, bool highestFirst, int skip, int take, CancellationToken ct)
    {
        var entries = await redis.RunAsync(db => db.SortedSetRangeByScoreWithScoresAsync(RedisKeys.Index(index),
            min, max, order: highestFirst ? Order.Descending : Order.Ascending, skip: skip, take: take), ct);
        return entries.Select(e => new IndexedMember((string)e.Element!, e.Score)).ToList();
    }

    public Task<long> CountAsync(string index, double min, double max, CancellationToken ct) =>
        redis.RunAsync(db => db.SortedSetLengthAsync(RedisKeys.Index(index), min, max), ct);

    public async Task<IReadOnlyList<KeyValuePair<string, string>>> ValuesAsync(
        IReadOnlyList<string> indexes, CancellationToken ct)
    {
        var all = await redis.RunAsync(db =>
        {
            var batch = db.CreateBatch();
            var reads = indexes.Select(i => batch.HashGetAllAsync(RedisKeys.Index(i))).ToList();
            batch.Execute();
            return Task.WhenAll(reads);
        }, ct);
        return all.SelectMany(entries => entries)
            .Select(e => KeyValuePair.Create((string)e.Name!, (string)e.Value!)).ToList();
    }
}
