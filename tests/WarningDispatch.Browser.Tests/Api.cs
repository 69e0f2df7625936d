using System.Net.Http.Json;
using System.Text.Json;

namespace WarningDispatch.Browser.Tests;

/// <summary>The HTTP API as a test drives it, answering raw JSON: the test sees exactly what a console sees.</summary>
public sealed class Api(HttpClient http) : IDisposable
{
    public async Task<List<JsonElement>> TasksAsync(string status = "active") =>
        (await http.GetFromJsonAsync<List<JsonElement>>($"/api/tasks?status={status}"))!;

    public async Task<JsonElement> TaskAsync(string taskId) =>
        await http.GetFromJsonAsync<JsonElement>($"/api/tasks/{taskId}");

    public async Task<JsonElement> ActAsync(string taskId, string action, object? body = null)
    {
        var payload = JsonSerializer.SerializeToNode(body ?? new { })!.AsObject();
        payload["actionId"] = Guid.NewGuid().ToString();
        var response = await http.PostAsJsonAsync($"/api/tasks/{taskId}/{action}", payload);
        Assert.That((int)response.StatusCode, Is.EqualTo(200),
            $"{action} on {taskId}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task SetOnDutyAsync(string officerId, bool onDuty)
    {
        var response = await http.PostAsJsonAsync($"/api/officers/{officerId}/duty", new { onDuty });
        response.EnsureSuccessStatusCode();
    }

    public void Dispose() => http.Dispose();
}
