using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using WarningDispatch.Service.Ingest;

namespace WarningDispatch.Browser.Tests;

/// <summary>
/// The whole service in process on real Kestrel (a browser needs a real socket), on its embedded default: in-memory bus
/// and store, the demo region, real time, no simulator. The test reaches the bus through <see cref="Services"/>.
/// </summary>
public sealed class ConsoleHost : WebApplicationFactory<Program>
{
    public const string ApiKey = "browser-test-ingest-key-01";

    public Uri BaseAddress { get; private set; } = null!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Simulator:Enabled", "false");
        builder.UseSetting("Ingest:ApiKeys:0", ApiKey);
    }

    public Task StartAsync()
    {
        UseKestrel(0);
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1"));
        return Task.CompletedTask;
    }

    /// <summary>The interface's example instruction for the demo region: 451223 → post 凤城派出所 (HC-FS-01), issued a minute ago.</summary>
    public static JsonObject Instruction(string instructionId, string riskLevel = "Medium", string regionCode = "451223")
    {
        var json = JsonNode.Parse(Example)!.AsObject();
        json["instructionId"] = instructionId;
        json["riskLevel"] = riskLevel;
        json["issuedAt"] = DateTimeOffset.UtcNow.AddMinutes(-1).ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-ddTHH:mm:sszzz");
        json["subject"]!["regionCode"] = regionCode;
        if (regionCode != "451223") json["subject"]!.AsObject().Remove("location"); // let the region code decide the post
        return json;
    }

    public const string SubjectName = "罗某某";
    public const string SubjectPhone = "+8613800000000";
    public const string SubjectAddress = "凤山县凤城镇凤城路 12 号";
    public const string Counterpart = "+85200000000";

    const string Example = $$"""
    {
      "instructionId": "x", "source": "NationalCenter", "kind": "FundTransfer", "riskLevel": "Medium",
      "fraudType": "ImpersonatingPolice", "issuedAt": "2026-11-21T08:15:00+08:00",
      "subject": { "name": "{{SubjectName}}", "phone": "{{SubjectPhone}}", "address": "{{SubjectAddress}}", "location": { "lat": 24.546, "lon": 107.042 }, "regionCode": "451223" },
      "context": { "onCallNow": false, "counterpartNumber": "{{Counterpart}}", "amountAtRisk": 52000.00, "note": "long call with a known fraud number" }
    }
    """;

    /// <summary>Publishes raw JSON on the bus with no envelope, exactly as an AMQP client in any language would.</summary>
    public Task PublishAsync(JsonObject instruction) =>
        Services.GetRequiredService<IBus>().PublishRawInstruction(Encoding.UTF8.GetBytes(instruction.ToJsonString()));

    /// <summary>POST /api/warnings; answers the task id.</summary>
    public async Task<string> PostWarningAsync(JsonObject instruction)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/warnings") { Content = new StringContent(instruction.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Api-Key", ApiKey);
        var response = await http.SendAsync(request);
        Assert.That((int)response.StatusCode, Is.EqualTo(202), await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("taskId").GetString()!;
    }

    /// <summary>An API client signed in as a demo user with a bearer token (the browser uses a cookie).</summary>
    public async Task<Api> ApiAsync(string username)
    {
        var http = new HttpClient { BaseAddress = BaseAddress };
        var login = await http.PostAsJsonAsync("/api/auth/login", new { username, password = "demo" });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new Api(http);
    }
}

/// <summary>The HTTP API as a test drives it, answering raw JSON so the test sees exactly what a console sees.</summary>
public sealed class Api(HttpClient http) : IDisposable
{
    public async Task<List<JsonElement>> TasksAsync(string status = "active") =>
        (await http.GetFromJsonAsync<List<JsonElement>>($"/api/tasks?status={status}"))!;

    public async Task<JsonElement> TaskAsync(string taskId) => await http.GetFromJsonAsync<JsonElement>($"/api/tasks/{taskId}");

    public async Task<JsonElement> ActAsync(string taskId, string action, object? body = null)
    {
        var payload = JsonSerializer.SerializeToNode(body ?? new { })!.AsObject();
        payload["actionId"] = Guid.NewGuid().ToString();
        var response = await http.PostAsJsonAsync($"/api/tasks/{taskId}/{action}", payload);
        Assert.That((int)response.StatusCode, Is.EqualTo(200), $"{action} on {taskId}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task SetOnDutyAsync(string officerId, bool onDuty)
    {
        var response = await http.PostAsJsonAsync($"/api/officers/{officerId}/duty", new { onDuty });
        response.EnsureSuccessStatusCode();
    }

    public void Dispose() => http.Dispose();
}
