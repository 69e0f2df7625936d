using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using WarningDispatch.Contracts;
using WarningDispatch.Service.Tasks;
using WarningDispatch.TestSupport;

namespace WarningDispatch.Service.Tests;

/// <summary>Warnings about one person, on the in-process host: one case, one officer, one outcome for all.</summary>
public class CaseLinkingTests : ServiceTest
{
    static readonly string[] Sources = ["NationalCenter", "Bank", "Telecom"];

    async Task<string[]> PostAtOnceAsync(string prefix, string phone)
    {
        var posts = Sources.Select((source, i) =>
        {
            var json = App.Instruction($"{prefix}-{i}", phone: phone);
            json["source"] = source;
            return Task.Run(() => App.PostWarningAsync(json.ToJsonString()));
        }).ToList();
        var responses = await Task.WhenAll(posts);
        return await Task.WhenAll(responses.Select(async r =>
        {
            Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("taskId").GetString()!;
        }));
    }

    [Test]
    public async Task Three_sources_about_one_person_at_once_make_one_case_with_one_officer_fifty_times_over()
    {
        var store = App.Services.GetRequiredService<ITaskStore>();
        for (var round = 0; round < 50; round++)
        {
            var ids = await PostAtOnceAsync($"GX-CASE-{round}", $"+86137{round:D8}");
            var tasks = await Task.WhenAll(ids.Select(id => store.GetAsync(id, CancellationToken.None)));
            Assert.That(tasks.Select(t => t!.CaseId).Distinct().ToList(), Has.Count.EqualTo(1).And.None.Null,
                $"round {round}: one case");
            Assert.That(tasks.Select(t => t!.OfficerId).Distinct().ToList(), Has.Count.EqualTo(1).And.None.Null,
                $"round {round}: one officer");
        }
        var all = await store.ListActiveAsync(CancellationToken.None);
        Assert.That(all.Select(t => t.CaseId).Distinct().Count(), Is.EqualTo(50), "fifty people, fifty cases");
    }

    [Test]
    public async Task The_same_id_number_links_across_phones_and_a_different_one_on_a_shared_phone_does_not()
    {
        async Task<string?> CaseOf(string id, string phone, string idNumber)
        {
            var json = App.Instruction(id, phone: phone);
            json["subject"]!["idNumber"] = idNumber;
            var response = await App.PostWarningAsync(json.ToJsonString());
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted),
                await response.Content.ReadAsStringAsync());
            var taskId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("taskId").GetString()!;
            var store = App.Services.GetRequiredService<ITaskStore>();
            return (await store.GetAsync(taskId, CancellationToken.None))!.CaseId;
        }

        var mother = await CaseOf("GX-ID-1", "+8613700000001", "451223195001011231");
        var motherOtherPhone = await CaseOf("GX-ID-2", "+8613700000002", "451223195001011231");
        var motherLowerX = await CaseOf("GX-ID-3", "+8613700000003", "11010519491231002x");
        var sonOnMothersPhone = await CaseOf("GX-ID-4", "+8613700000001", "451223195202022340");

        Assert.That(motherOtherPhone, Is.EqualTo(mother), "one id number, two phones: one person");
        Assert.That(motherLowerX, Is.Not.EqualTo(mother), "another id number and phone: another person");
        Assert.That(sonOnMothersPhone, Is.Not.EqualTo(mother), "another id number on her phone: another person");
        var cases = App.Services.GetRequiredService<WarningDispatch.Service.Cases.ICaseStore>();
        var view = await cases.GetCaseAsync(mother!, CancellationToken.None);
        Assert.That(view!.Members.Select(m => m.Warning.InstructionId),
            Is.EquivalentTo(new[] { "GX-ID-1", "GX-ID-2" }));
    }

    [Test]
    public async Task Every_task_of_the_case_learns_of_the_others_and_requires_a_home_visit()
    {
        var ids = await PostAtOnceAsync("GX-CASE-KNOW", "+8613712345678");
        var http = await App.ClientAsync("duty");

        var known = await Eventually.Until(async () =>
        {
            var views = await Task.WhenAll(ids.Select(id =>
                http.GetFromJsonAsync<TaskSnapshot>($"/api/tasks/{id}", DispatchApp.Json)));
            return views.All(v => v!.CaseWarnings.Count == 3 && v.HomeVisitRequired) ? views : null;
        }, "every task shows the three warnings and a required home visit");
        Assert.That(known.SelectMany(v => v!.CaseWarnings.Select(w => w.Source)).Distinct(),
            Is.EquivalentTo(new[] { InstructionSource.NationalCenter, InstructionSource.Bank,
                InstructionSource.Telecom }));
        Assert.That(known[0]!.LinkedTaskIds, Is.EquivalentTo(ids.Skip(1)));

        var listed = await http.GetFromJsonAsync<List<TaskSnapshot>>($"/api/tasks?caseId={known[0]!.CaseId}",
            DispatchApp.Json);
        Assert.That(listed!.Select(t => t.TaskId), Is.EquivalentTo(ids));
        var none = await http.GetFromJsonAsync<List<TaskSnapshot>>("/api/tasks?caseId=wd:case:x", DispatchApp.Json);
        Assert.That(none, Is.Empty, "a case id that is not ours names nothing");
    }

    [Test]
    public async Task One_outcome_resolves_the_case_with_a_Resolved_feedback_for_each_instruction()
    {
        var ids = await PostAtOnceAsync("GX-CASE-END", "+8613787654321");
        var store = App.Services.GetRequiredService<ITaskStore>();
        var first = (await store.GetAsync(ids[0], CancellationToken.None))!;
        var officer = await App.ClientAsync(first.OfficerId!.ToLowerInvariant());

        var ack = await officer.PostAsJsonAsync($"/api/tasks/{ids[0]}/acknowledge", new { actionId = "ack-1" });
        Assert.That(ack.StatusCode, Is.EqualTo(HttpStatusCode.OK), await ack.Content.ReadAsStringAsync());
        var outcome = await officer.PostAsJsonAsync($"/api/tasks/{ids[0]}/outcome",
            new { actionId = "out-1", outcome = "Dissuaded" });
        Assert.That(outcome.StatusCode, Is.EqualTo(HttpStatusCode.OK), await outcome.Content.ReadAsStringAsync());

        var resolved = await Eventually.Until(async () =>
        {
            var tasks = await Task.WhenAll(ids.Select(id => store.GetAsync(id, CancellationToken.None)));
            return tasks.All(t => t!.Status == DispatchStatus.Resolved) ? tasks : null;
        }, "all three tasks resolved");
        Assert.That(resolved.Select(t => t!.Outcome), Has.All.EqualTo(TaskOutcome.Dissuaded));
        foreach (var i in Enumerable.Range(0, 3))
            Assert.That(await Eventually.Until(() => App.FeedbackFor($"GX-CASE-END-{i}") is { } f
                    && f.Count(s => s.Status == FeedbackStatus.Resolved) == 1 ? f : null,
                    $"Resolved for instruction {i}"),
                Is.Not.Empty);
    }
}
