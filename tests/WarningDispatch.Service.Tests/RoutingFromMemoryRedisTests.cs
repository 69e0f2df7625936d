using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WarningDispatch.Domain.Cases;
using WarningDispatch.Domain.Routing;
using WarningDispatch.Domain.Tasks;
using WarningDispatch.Service.Cases;
using WarningDispatch.Service.Officers;
using WarningDispatch.Service.Storage.Redis;
using WarningDispatch.Service.Tasks;
using WarningDispatch.TestSupport;

namespace WarningDispatch.Service.Tests;

/// <summary>
/// A warning about a new person is routed from what the instance holds in memory and committed without a store read
/// before it; the commit checks what memory assumed — the person still unknown, the duty roster unchanged — so a
/// stale guess costs a second try, never a wrong assignment. Real Redis, two instances on it.
/// </summary>
[Category("Infrastructure")]
public class RoutingFromMemoryRedisTests : RedisServiceTest
{
    DispatchApp App(Reads reads) => new(b => b.ConfigureTestServices(s =>
    {
        s.AddRedisStorage(RedisConfiguration);
        s.Replace(ServiceDescriptor.Singleton<ICaseStore>(sp =>
            new CountingCaseStore(ActivatorUtilities.CreateInstance<RedisCaseStore>(sp), reads)));
        s.Replace(ServiceDescriptor.Singleton<IOfficerRoster>(sp =>
            new CountingRoster(sp.GetRequiredService<RedisOfficerRoster>(), reads)));
    }));

    static async Task<DispatchTask> CreateAsync(DispatchApp app, string instructionId, string? phone = null)
    {
        var response = await app.PostWarningAsync(app.Instruction(instructionId, phone: phone).ToJsonString());
        var taskId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("taskId").GetString()!;
        return (await app.Services.GetRequiredService<ITaskStore>().GetAsync(taskId, CancellationToken.None))!;
    }

    [Test]
    public async Task New_people_are_routed_from_memory_to_the_least_loaded_officer_without_a_read()
    {
        var reads = new Reads();
        await using var app = App(reads);
        await app.StartAsync();
        var first = await CreateAsync(app, "GX-MEM-1");
        Assert.That((reads.Cases, reads.Rosters), Is.EqualTo((1, 1)), "the first decision reads the roster");

        var second = await CreateAsync(app, "GX-MEM-2");
        var third = await CreateAsync(app, "GX-MEM-3");

        Assert.That((reads.Cases, reads.Rosters), Is.EqualTo((1, 1)), "no read before the next commits");
        Assert.That(new[] { first.PostId, second.PostId, third.PostId }, Has.All.EqualTo("HC-FS-01"));
        Assert.That(new[] { first.OfficerId, second.OfficerId }, Is.EquivalentTo(new[] { "FS01A", "FS01B" }),
            "the officer given the first task counts one more in memory: the second goes to the other");
        Assert.That(first.CaseId, Is.Not.EqualTo(second.CaseId));
    }

    [Test]
    public async Task A_repeat_warning_found_by_the_commit_joins_the_case_and_its_officer()
    {
        var reads = new Reads();
        await using var app = App(reads);
        await app.StartAsync();
        var first = await CreateAsync(app, "GX-MEM-P1", phone: "+8613600000001");
        await CreateAsync(app, "GX-MEM-OTHER");
        var casesRead = reads.Cases;

        var again = await CreateAsync(app, "GX-MEM-P2", phone: "+8613600000001");

        Assert.That(reads.Cases, Is.EqualTo(casesRead + 1), "memory guessed a new person; the commit said no");
        Assert.That((again.CaseId, again.OfficerId), Is.EqualTo((first.CaseId, first.OfficerId)));
    }

    [Test]
    public async Task An_officer_gone_off_duty_at_another_instance_is_not_given_a_task_routed_from_memory()
    {
        var readsA = new Reads();
        await using var a = App(readsA);
        await using var b = App(new Reads());
        await a.StartAsync();
        await b.StartAsync();
        var first = await CreateAsync(a, "GX-DUTY-1");
        Assert.That(first.OfficerId, Is.EqualTo("FS01A"));
        // In a's memory FS01B is on duty with nothing open: the next task would be theirs.
        var fs01b = await b.ClientAsync("fs01b");
        var off = await fs01b.PostAsJsonAsync("/api/officers/FS01B/duty", new { onDuty = false });
        Assert.That((int)off.StatusCode, Is.EqualTo(200), await off.Content.ReadAsStringAsync());
        var rostersRead = readsA.Rosters;

        var second = await CreateAsync(a, "GX-DUTY-2");

        Assert.That(second.OfficerId, Is.EqualTo("FS01A"), "routed again on the roster as it is now");
        Assert.That(readsA.Rosters, Is.EqualTo(rostersRead + 1), "the commit refused the stale roster once");
    }

    [Test]
    public async Task A_missed_acknowledgement_is_not_handed_from_memory_to_an_officer_gone_off_duty_elsewhere()
    {
        await using var a = App(new Reads());
        await using var b = App(new Reads());
        await a.StartAsync();
        await b.StartAsync();
        var missed = await CreateAsync(a, "GX-RUNG-1");
        Assert.That(missed.OfficerId, Is.EqualTo("FS01A"));
        await a.AdvanceAsync(missed.NextWakeUp!.Value - a.Now - TimeSpan.FromSeconds(2));
        await CreateAsync(a, "GX-RUNG-2"); // a reads the post's counts now: the rung 3 s later decides from memory
        var fs01b = await b.ClientAsync("fs01b");
        var off = await fs01b.PostAsJsonAsync("/api/officers/FS01B/duty", new { onDuty = false });
        Assert.That((int)off.StatusCode, Is.EqualTo(200), await off.Content.ReadAsStringAsync());

        await a.AdvanceAsync(TimeSpan.FromSeconds(3));

        var store = a.Services.GetRequiredService<ITaskStore>();
        var after = (await store.GetAsync(missed.TaskId, CancellationToken.None))!;
        Assert.That(after.History.Select(h => h.Code), Has.Member(Contracts.HistoryAction.AckMissed));
        var handedTo = after.History.Where(h => h.Code == Contracts.HistoryAction.Reassigned)
            .Select(h => h.OfficerId).ToList();
        Assert.That(handedTo, Is.Not.Empty);
        Assert.That(handedTo, Has.None.EqualTo("FS01B"),
            "in a's memory FS01B was the colleague on duty: the commit refused that and the rung was decided again");
    }

    sealed class Reads
    {
        int _cases, _rosters;
        public int Cases => Volatile.Read(ref _cases);
        public int Rosters => Volatile.Read(ref _rosters);
        public void Case() => Interlocked.Increment(ref _cases);
        public void Roster() => Interlocked.Increment(ref _rosters);
    }

    sealed class CountingCaseStore(ICaseStore inner, Reads reads) : ICaseStore
    {
        public Task<(CaseView? ById, CaseView? ByPhone)> FindAsync(PersonKeys keys, CancellationToken ct)
        {
            reads.Case();
            return inner.FindAsync(keys, ct);
        }

        public Task<CaseView?> GetCaseAsync(string caseId, CancellationToken ct) => inner.GetCaseAsync(caseId, ct);
    }

    sealed class CountingRoster(IOfficerRoster inner, Reads reads) : ForwardingRoster(inner)
    {
        public override Task<RoutingDecision> DecideAsync(Func<IDutyRoster, RoutingDecision> decide,
            CancellationToken ct)
        {
            reads.Roster();
            return base.DecideAsync(decide, ct);
        }
    }
}
