using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WarningDispatch.Contracts;
using WarningDispatch.TestSupport;

namespace WarningDispatch.Service.Tests;

/// <summary>Closed tasks are findable: a duty officer searches their area by day, instruction, case or phone.</summary>
public class TaskSearchTests : ServiceTest
{
    const string LongId = "GX-0123456789-0123456789-0123456789-0123456789-0123456789-0123456"; // 65 characters

    async Task<string> CreateAsync(string instructionId, string? regionCode = "451223", string? phone = null)
    {
        var response = await App.PostWarningAsync(App.Instruction(instructionId, regionCode: regionCode, phone: phone)
            .ToJsonString());
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted),
            await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("taskId").GetString()!;
    }

    async Task<TaskPage> SearchAsync(string username, string query)
    {
        var response = await (await App.ClientAsync(username)).GetAsync("/api/tasks/search?" + query);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<TaskPage>(DispatchApp.Json))!;
    }

    async Task<JsonElement> ProblemAsync(string username, string query, HttpStatusCode status)
    {
        var response = await (await App.ClientAsync(username)).GetAsync("/api/tasks/search?" + query);
        Assert.That(response.StatusCode, Is.EqualTo(status), await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    async Task ResolveAsync(string taskId)
    {
        var http = await App.ClientAsync("fs01a");
        await EndToEndTests.Act(http, $"/api/tasks/{taskId}/acknowledge", new { actionId = "ack-" + taskId });
        await EndToEndTests.Act(http, $"/api/tasks/{taskId}/call-result",
            new { actionId = "call-" + taskId, result = "ReachedAndDissuaded" });
    }

    [Test]
    public async Task A_day_lists_the_areas_tasks_newest_first_a_page_at_a_time_resolved_ones_too()
    {
        // DispatchApp starts at 08:20 in Shanghai on 2026-11-21.
        var first = await CreateAsync("GX-FIND-1");
        await App.AdvanceAsync(TimeSpan.FromMinutes(1));
        var second = await CreateAsync("GX-FIND-2");
        await App.AdvanceAsync(TimeSpan.FromMinutes(1));
        var third = await CreateAsync("GX-FIND-3");
        var elsewhere = await CreateAsync("GX-FIND-JC", regionCode: "451202");
        await ResolveAsync(first);

        var page1 = await SearchAsync("duty.fs", "from=2026-11-21&to=2026-11-21&pageSize=2");
        var page2 = await SearchAsync("duty.fs", "from=2026-11-21&pageSize=2&page=2");
        Assert.That(page1.Items.Select(t => t.TaskId), Is.EqualTo(new[] { third, second }));
        Assert.That(page2.Items.Select(t => t.TaskId), Is.EqualTo(new[] { first }),
            "one day alone: from is enough");
        Assert.That((page1.Total, page2.Total), Is.EqualTo((3L, 3L)), "Fengshan's three, not Jinchengjiang's");
        Assert.That(page2.Items[0].Status, Is.EqualTo(DispatchStatus.Resolved), "a closed task is found");
        Assert.That(page2.Items[0].History.Select(h => h.Code), Does.Contain(HistoryAction.Resolved),
            "with its history");

        var city = await SearchAsync("duty", "from=2026-11-21");
        Assert.That(city.Items.Select(t => t.TaskId), Is.EquivalentTo(new[] { first, second, third, elsewhere }));
        Assert.That((await SearchAsync("duty", "from=2026-11-20&to=2026-11-20")).Total, Is.Zero);
    }

    [Test]
    public async Task Days_are_the_centres_local_days_in_Shanghai_not_UTC()
    {
        await App.AdvanceAsync(new DateTimeOffset(2026, 11, 21, 15, 59, 59, TimeSpan.Zero) - App.Now);
        var late = await CreateAsync("GX-DAY-LATE");
        await App.AdvanceAsync(TimeSpan.FromSeconds(1)); // 16:00:00Z is midnight in Shanghai
        var next = await CreateAsync("GX-DAY-NEXT");

        Assert.That((await SearchAsync("duty", "from=2026-11-21")).Items.Select(t => t.TaskId),
            Is.EqualTo(new[] { late }));
        Assert.That((await SearchAsync("duty", "from=2026-11-22")).Items.Select(t => t.TaskId),
            Is.EqualTo(new[] { next }));
    }

    [Test]
    public async Task An_instruction_id_or_a_case_finds_its_tasks_only_inside_the_callers_area()
    {
        var taskId = await CreateAsync("GX-FIND-ID", phone: "+8613911112222");
        await App.AdvanceAsync(TimeSpan.FromMinutes(1));
        var linked = await CreateAsync("GX-FIND-ID-2", phone: "+8613911112222");
        await CreateAsync("GX-FIND-OTHER");

        var byId = await SearchAsync("duty.fs", "instructionId=GX-FIND-ID");
        Assert.That(byId.Items.Select(t => t.TaskId), Is.EqualTo(new[] { taskId }));
        var caseId = byId.Items[0].CaseId!;
        Assert.That((await SearchAsync("duty.fs", "caseId=" + caseId)).Items.Select(t => t.TaskId),
            Is.EqualTo(new[] { linked, taskId }));
        Assert.That((await SearchAsync("duty.fs", $"caseId={caseId}&from=2026-11-20&to=2026-11-20")).Total, Is.Zero,
            "a day range narrows the case");

        var jinchengjiang = await CreateAsync("GX-FIND-JC-ID", regionCode: "451202");
        Assert.That((await SearchAsync("duty.fs", "instructionId=GX-FIND-JC-ID")).Total, Is.Zero,
            "another county's task is not found by its id");
        Assert.That((await SearchAsync("duty", "instructionId=GX-FIND-JC-ID")).Items.Single().TaskId,
            Is.EqualTo(jinchengjiang));
    }

    [Test]
    public async Task A_phone_number_as_typed_finds_the_persons_tasks_for_a_duty_officer_who_may_see_personal_data()
    {
        var one = await CreateAsync("GX-PHONE-1", phone: "+8613977776666");
        await ResolveAsync(one);
        await App.AdvanceAsync(TimeSpan.FromDays(10)); // long after the case closed: a new case, the same person
        var two = await CreateAsync("GX-PHONE-2", phone: "+8613977776666");
        await CreateAsync("GX-PHONE-OTHER", phone: "+8613977776667");

        var found = await SearchAsync("duty.data", "phone=" + Uri.EscapeDataString("+86 139-7777 6666"));
        Assert.That(found.Items.Select(t => t.TaskId), Is.EqualTo(new[] { two, one }));
        Assert.That(found.Items[0].Subject.Phone, Is.EqualTo("+8613977776666"), "unmasked for this account");

        var masked = await ProblemAsync("duty", "phone=%2B8613977776666", HttpStatusCode.Forbidden);
        Assert.That(masked.GetProperty("code").GetString(), Is.EqualTo("PersonalDataRequired"));
        Assert.That(masked.GetProperty("detail").GetString(), Does.StartWith("按个人信息查询"));
        var bad = await ProblemAsync("duty.data", "phone=13977776666", HttpStatusCode.BadRequest);
        Assert.That(bad.GetProperty("errors").TryGetProperty("phone", out _), Is.True);
        Assert.That(bad.GetRawText(), Does.Not.Contain("13977776666"), "the value is never echoed");
    }

    [TestCase("", "query", "SearchCriteria")]
    [TestCase("instructionId=A&caseId=B", "query", "SearchCriteria")]
    [TestCase("from=2026-13-01", "from", "DateFormat")]
    [TestCase("from=2026-11-21&to=21.11.2026", "to", "DateFormat")]
    [TestCase("from=2026-11-22&to=2026-11-21", "from", "DateOrder")]
    [TestCase("from=2025-01-01&to=2026-11-21", "to", "DateRangeTooLong")]
    [TestCase("from=2026-11-21&page=0", "page", "NumberRange")]
    [TestCase("from=2026-11-21&pageSize=101", "pageSize", "NumberRange")]
    [TestCase("from=2026-11-21&pageSize=1e3", "pageSize", "NumberRange")]
    [TestCase("instructionId=" + LongId, "instructionId", "InvalidValue")]
    public async Task A_bad_search_is_answered_with_the_field_and_a_reason_in_chinese_first(
        string query, string field, string code)
    {
        var problem = await ProblemAsync("duty", query, HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("code").GetString(), Is.EqualTo(code));
        Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True, problem.GetRawText());
        Assert.That(problem.GetProperty("detail").GetString(), Does.Match(@"^[^(]*\p{IsCJKUnifiedIdeographs}[^(]* \("),
            "zh-CN first, then English in brackets");
    }

    [Test]
    public async Task Recent_lists_the_active_tasks_and_those_resolved_in_the_last_day_and_no_older_ones()
    {
        var old = await CreateAsync("GX-RECENT-OLD");
        await ResolveAsync(old);
        await App.AdvanceAsync(TimeSpan.FromHours(23));
        var fresh = await CreateAsync("GX-RECENT-NEW");
        await ResolveAsync(fresh);
        var active = await CreateAsync("GX-RECENT-ACTIVE");
        var http = await App.ClientAsync("duty");

        async Task<string[]> Listed() => (await http.GetFromJsonAsync<List<TaskSnapshot>>(
            "/api/tasks?status=recent", DispatchApp.Json))!.Select(t => t.TaskId).Order().ToArray();
        Assert.That(await Listed(), Is.EqualTo(new[] { old, fresh, active }.Order().ToArray()));
        await App.AdvanceAsync(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        Assert.That(await Listed(), Is.EqualTo(new[] { fresh, active }.Order().ToArray()),
            "resolved 24 h ago: found by search, no longer listed");
        var all = await http.GetAsync("/api/tasks?status=all");
        Assert.That(all.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "no list of every task ever stored");
        Assert.That(await all.Content.ReadAsStringAsync(), Does.Contain("/api/tasks/search"));
    }

    [Test]
    public async Task Field_officers_do_not_search()
    {
        var response = await (await App.ClientAsync("fs01a")).GetAsync("/api/tasks/search?from=2026-11-21");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }
}
