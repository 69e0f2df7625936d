using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;

namespace WarningDispatch.Service.Tests;

/// <summary>
/// <c>POST /api/tasks/{taskId}/notes</c>: the assigned officer's note lands in the history, hidden from a board without
/// the personal-data right; others are refused with a code; text is checked like other free text. And
/// <c>GET /api/console/settings</c>: the phone's navigation links, all three unless configured.
/// </summary>
public class OfficerNoteEndpointTests : ServiceTest
{
    const string Text = "家属在场，已劝阻；明早回访";

    async Task<string> CreateAsync(string instructionId)
    {
        var response = await App.PostWarningAsync(App.Instruction(instructionId).ToJsonString());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("taskId").GetString()!;
    }

    static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    static JsonElement LastStep(JsonElement snapshot) => snapshot.GetProperty("history").EnumerateArray().Last();

    [Test]
    public async Task The_assigned_officer_notes_once_per_action_id_and_a_masked_board_reads_that_there_is_a_note()
    {
        var taskId = await CreateAsync("GX-NOTE-1");
        var officer = await App.ClientAsync("fs01a");
        var duty = await App.ClientAsync("duty");

        var noted = await officer.PostAsJsonAsync($"/api/tasks/{taskId}/notes", new { actionId = "n-1", text = Text });
        Assert.That(noted.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var step = LastStep(await JsonAsync(noted));
        Assert.That(step.GetProperty("code").GetString(), Is.EqualTo("OfficerNote"));
        Assert.That(step.GetProperty("parameters").GetProperty("text").GetString(), Is.EqualTo(Text));
        Assert.That(step.GetProperty("detail").GetString(), Does.Not.Contain("家属"));

        var again = await officer.PostAsJsonAsync($"/api/tasks/{taskId}/notes", new { actionId = "n-1", text = Text });
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var board = await JsonAsync(await duty.GetAsync($"/api/tasks/{taskId}"));
        var notes = board.GetProperty("history").EnumerateArray()
            .Where(e => e.GetProperty("code").GetString() == "OfficerNote").ToList();
        Assert.That(notes, Has.Count.EqualTo(1), "a retry of the same id notes once");
        Assert.That(notes[0].GetProperty("parameters").GetProperty("text").GetString(),
            Is.EqualTo("（备注已隐藏）(note hidden)"));
        Assert.That(board.GetRawText(), Does.Not.Contain("家属在场"));
    }

    [Test]
    public async Task Others_are_refused_with_a_code_and_bad_text_with_the_field()
    {
        var taskId = await CreateAsync("GX-NOTE-2");
        var officer = await App.ClientAsync("fs01a");
        async Task<(HttpStatusCode, string, JsonElement)> NoteAsync(HttpClient client, string id, string? text)
        {
            var response = await client.PostAsJsonAsync($"/api/tasks/{taskId}/notes", new { actionId = id, text });
            var problem = await JsonAsync(response);
            return (response.StatusCode, problem.GetProperty("code").GetString()!, problem);
        }

        var (status, code, _) = await NoteAsync(await App.ClientAsync("fs01b"), "b-1", Text);
        Assert.That((status, code), Is.EqualTo((HttpStatusCode.Forbidden, "NotYourTask")));
        (status, code, _) = await NoteAsync(await App.ClientAsync("duty"), "d-1", Text);
        Assert.That((status, code), Is.EqualTo((HttpStatusCode.Conflict, "NotAssignedOfficer")));

        (status, code, var tooLong) = await NoteAsync(officer, "a-1", new string('劝', 501));
        Assert.That((status, code), Is.EqualTo((HttpStatusCode.BadRequest, "TextTooLong")));
        Assert.That(tooLong.GetProperty("parameters").GetProperty("max").GetString(), Is.EqualTo("500"));
        Assert.That(tooLong.GetProperty("parameters").GetProperty("field").GetString(), Is.EqualTo("text"));
        (status, code, _) = await NoteAsync(officer, "a-2", "已劝阻\u202Egnp.exe");
        Assert.That((status, code), Is.EqualTo((HttpStatusCode.BadRequest, "TextCharacters")));
        (status, code, _) = await NoteAsync(officer, "a-3", null);
        Assert.That((status, code), Is.EqualTo((HttpStatusCode.BadRequest, "TextRequired")));
        (status, code, _) = await NoteAsync(officer, "", Text);
        Assert.That((status, code), Is.EqualTo((HttpStatusCode.BadRequest, "ActionIdRequired")));
    }

    [Test]
    public async Task The_phone_offers_every_navigation_link_unless_configured()
    {
        var officer = await App.ClientAsync("fs01a");
        var all = await officer.GetFromJsonAsync<JsonElement>("/api/console/settings");
        Assert.That(all.GetProperty("navigationLinks").EnumerateArray().Select(l => l.GetString()),
            Is.EqualTo(new[] { "geo", "amap", "baidu" }));

        await using var configured = new DispatchApp(b => b
            .UseSetting("Consoles:NavigationLinks:0", "Baidu")
            .UseSetting("Consoles:NavigationLinks:1", "no-such-app")
            .UseSetting("Consoles:NavigationLinks:2", "geo"));
        await configured.StartAsync();
        var links = await (await configured.ClientAsync("fs01a"))
            .GetFromJsonAsync<JsonElement>("/api/console/settings");
        Assert.That(links.GetProperty("navigationLinks").EnumerateArray().Select(l => l.GetString()),
            Is.EqualTo(new[] { "baidu", "geo" }), "in the configured order, unknown names left out");
        var anonymous = await App.NewClient().GetAsync("/api/console/settings");
        Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }
}
