using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using WarningDispatch.Contracts;
using WarningDispatch.Service.Reports;
using WarningDispatch.Service.Storage.InMemory;
using WarningDispatch.Service.Tasks;

namespace WarningDispatch.Service.Tests;

/// <summary>
/// Today's summary (the boards' counters) is shared per area for <see cref="ReportSummaryCache.Window"/>: counted at
/// the index reader, N boards of one area cost one read of the day's facts, a change shows once the window has passed
/// on the fake clock, and areas never share an entry. The seeded day of <see cref="ReportTests"/> is today.
/// </summary>
public class ReportSummaryCacheTests
{
    DispatchApp _app = null!;
    CountingIndexReader _reads = null!;

    [SetUp]
    public async Task StartService()
    {
        _app = new DispatchApp(builder => builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(sp => new CountingIndexReader(sp.GetRequiredService<InMemoryDispatchStore>()));
            services.AddSingleton<ITaskIndexReader>(sp => sp.GetRequiredService<CountingIndexReader>());
        }));
        await _app.StartAsync();
        _reads = _app.Services.GetRequiredService<CountingIndexReader>();
        await ReportTests.SeedAsync(_app);
    }

    [TearDown]
    public async Task StopService()
    {
        foreach (var client in _clients.Values) client.Dispose();
        _clients.Clear();
        await _app.DisposeAsync();
    }

    readonly Dictionary<string, HttpClient> _clients = [];

    /// <summary>One sign-in per user: the boards of a test are the same officers' many screens.</summary>
    async Task<HttpClient> ClientAsync(string username) =>
        _clients.TryGetValue(username, out var client) ? client : _clients[username] = await _app.ClientAsync(username);

    async Task<ReportSummary> SummaryAsync(string username, string query = "") =>
        await SummaryAsync(await ClientAsync(username), query);

    static async Task<ReportSummary> SummaryAsync(HttpClient client, string query = "")
    {
        var response = await client.GetAsync("/api/reports/summary?" + query);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ReportSummary>(DispatchApp.Json))!;
    }

    [Test]
    public async Task Twenty_boards_of_one_area_cost_one_read_and_a_change_shows_after_the_window()
    {
        var county = await ClientAsync("duty.fs");
        var boards = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => SummaryAsync(county)));

        Assert.That(boards.Select(b => b.Received).Distinct(), Is.EqualTo(new[] { 3 }));
        Assert.That(_reads.ReportReads, Is.EqualTo(1), "twenty boards, one read");

        var post = await _app.PostWarningAsync(_app.Instruction("GX-REP-4").ToJsonString());
        Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        await _app.AdvanceAsync(ReportSummaryCache.Window - TimeSpan.FromMilliseconds(1));
        Assert.That((await SummaryAsync("duty.fs")).Received, Is.EqualTo(3), "within the window: the shared one");
        Assert.That(_reads.ReportReads, Is.EqualTo(1));

        await _app.AdvanceAsync(TimeSpan.FromMilliseconds(1));
        Assert.That((await SummaryAsync("duty.fs")).Received, Is.EqualTo(4), "after it: read again");
        Assert.That((await SummaryAsync("duty.fs")).Received, Is.EqualTo(4));
        Assert.That(_reads.ReportReads, Is.EqualTo(2));
    }

    [Test]
    public async Task Two_areas_never_share_an_entry_and_the_authorisation_comes_first()
    {
        Assert.That((await SummaryAsync("duty")).Received, Is.EqualTo(4), "the city: Fengshan and Jinchengjiang");
        Assert.That((await SummaryAsync("duty.fs")).Received, Is.EqualTo(3), "the county: its own");
        Assert.That((await SummaryAsync("duty", "areaId=HC-JC")).Received, Is.EqualTo(1));
        Assert.That(_reads.ReportReads, Is.EqualTo(3), "one read per area");

        var refused = await (await ClientAsync("duty.fs")).GetAsync("/api/reports/summary?areaId=HC-JC");
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "a cached sibling county is not shown");
        Assert.That((await SummaryAsync("duty", "areaId=HC-FS")).Received, Is.EqualTo(3), "an area is an area");
        Assert.That(_reads.ReportReads, Is.EqualTo(3));
    }

    [Test]
    public async Task A_chosen_range_is_read_as_asked()
    {
        await SummaryAsync("duty.fs", "from=2026-11-21");
        await SummaryAsync("duty.fs", "from=2026-11-21");
        Assert.That(_reads.ReportReads, Is.EqualTo(2), "the reports page and the exports are not cached");
    }

    /// <summary>Counts the reads of the report day indexes, and passes every read on.</summary>
    sealed class CountingIndexReader(ITaskIndexReader inner) : ITaskIndexReader
    {
        int _reportReads;

        public int ReportReads => Volatile.Read(ref _reportReads);

        public Task<IReadOnlyList<IndexedMember>> RangeAsync(string index, double min, double max, bool highestFirst,
            int skip, int take, CancellationToken ct) =>
            inner.RangeAsync(index, min, max, highestFirst, skip, take, ct);

        public Task<long> CountAsync(string index, double min, double max, CancellationToken ct) =>
            inner.CountAsync(index, min, max, ct);

        public Task<IReadOnlyList<KeyValuePair<string, string>>> ValuesAsync(IReadOnlyList<string> indexes,
            CancellationToken ct)
        {
            if (indexes.Any(i => i.StartsWith("report:", StringComparison.Ordinal)))
                Interlocked.Increment(ref _reportReads);
            return inner.ValuesAsync(indexes, ct);
        }
    }
}
