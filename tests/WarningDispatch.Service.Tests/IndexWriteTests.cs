using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WarningDispatch.Contracts;
using WarningDispatch.Domain.Tasks;
using WarningDispatch.Service.Storage.InMemory;
using WarningDispatch.Service.Tasks;
using WarningDispatch.TestSupport;

namespace WarningDispatch.Service.Tests;

/// <summary>
/// A change writes only the index entries it changes: a note (no report figure moves) rewrites no report fact, an
/// acknowledgement (its time is a report figure) rewrites it, and a resolved task's "resolved" entry is written once
/// (a follow-up later leaves it as it is).
/// </summary>
public class IndexWriteTests
{
    [Test]
    public async Task A_change_rewrites_only_the_index_entries_it_changes()
    {
        var written = new ConcurrentQueue<(int Version, IReadOnlyList<IndexEntry> Entries)>();
        await using var app = new DispatchApp(b => b.ConfigureTestServices(s =>
            s.Replace(ServiceDescriptor.Singleton<ITaskStore>(sp =>
                new RecordingStore(sp.GetRequiredService<InMemoryDispatchStore>(), written)))));
        await app.StartAsync();
        var response = await app.PostWarningAsync(app.Instruction("GX-IDX-1").ToJsonString());
        var taskId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("taskId").GetString()!;
        var officer = await app.ClientAsync("fs01a");
        string[] Written(int version) =>
            written.Where(w => w.Version == version).SelectMany(w => w.Entries).Select(e => e.Index).ToArray();

        var noted = await EndToEndTests.Act(officer, $"/api/tasks/{taskId}/notes",
            new { actionId = "idx-note", text = "已电话联系" });
        Assert.That(Written(noted.Version), Has.None.StartsWith("report:"), "a note moves no report figure");

        var acked = await EndToEndTests.Act(officer, $"/api/tasks/{taskId}/acknowledge", new { actionId = "idx-ack" });
        Assert.That(Written(acked.Version), Has.Some.StartsWith("report:"), "the acknowledgement time is a figure");

        var resolved = await EndToEndTests.Act(officer, $"/api/tasks/{taskId}/call-result",
            new { actionId = "idx-call", result = "ReachedAndDissuaded" });
        Assert.That(resolved.Status, Is.EqualTo(DispatchStatus.Resolved));
        Assert.That(Written(resolved.Version), Has.Member(ResolvedTaskIndex.Name));
        await app.AdvanceAsync(TimeSpan.FromHours(72));
        var later = await EndToEndTests.Act(await app.ClientAsync("fs01a"), $"/api/tasks/{taskId}/follow-up",
            new { actionId = "idx-follow-up", result = "Safe" });
        Assert.That(Written(later.Version), Has.None.EqualTo(ResolvedTaskIndex.Name), "resolved once, kept as it is");
        var resolvedIndex = await app.Services.GetRequiredService<ITaskIndexReader>()
            .CountAsync(ResolvedTaskIndex.Name, double.NegativeInfinity, double.PositiveInfinity,
                CancellationToken.None);
        Assert.That(resolvedIndex, Is.EqualTo(1), "the entry written at resolution is still there");
    }

    /// <summary>Records the index entries of every update.</summary>
    sealed class RecordingStore(ITaskStore inner, ConcurrentQueue<(int, IReadOnlyList<IndexEntry>)> written)
        : ForwardingTaskStore(inner)
    {
        public override Task<bool> UpdateAsync(TaskCommit commit, CancellationToken ct)
        {
            written.Enqueue((commit.Task.Version, commit.Indexes ?? []));
            return base.UpdateAsync(commit, ct);
        }
    }
}
