using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using WarningDispatch.Contracts;
using WarningDispatch.Domain.Ingest;
using WarningDispatch.Service.Escalation;
using WarningDispatch.Service.Ingest;

using WarningDispatch.TestSupport;

namespace WarningDispatch.Service.Tests;

/// <summary>The whole service in process: embedded bus and store, demo region, a manual clock, no simulator.</summary>
/// <param name="configure">Applied last: a test's own environment or settings.</param>
public sealed class DispatchApp(Action<IWebHostBuilder>? configure = null) : WebApplicationFactory<Program>
{
    public const string ApiKey = "test-ingest-key-000001";
    public static readonly DateTimeOffset Start = new(2026, 11, 21, 0, 20, 0, TimeSpan.Zero);
    public ManualClock Clock { get; } = new(Start);
    public ConcurrentQueue<InstructionStatusChanged> Feedback { get; } = new();
    HostReceiveEndpointHandle? _feedbackEndpoint;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Simulator:Enabled", "false");
        builder.UseSetting("Ingest:ApiKeys:0", ApiKey);
        // The ladder tests act on one sign-in across hours of manual clock; SignInTests use the real lifetime.
        builder.UseSetting("Sessions:AccessTokenLifetime", "12:00:00");
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        configure?.Invoke(builder);
    }

    public async Task StartAsync()
    {
        _ = Server;
        var bus = Services.GetRequiredService<IBus>();
        _feedbackEndpoint = bus.ConnectReceiveEndpoint("test-feedback-recorder", e =>
            e.Handler<InstructionStatusChanged>(ctx => { Feedback.Enqueue(ctx.Message); return Task.CompletedTask; }));
        await _feedbackEndpoint.Ready;
    }

    public DateTimeOffset Now => Clock.GetUtcNow();

    /// <summary>The interface example, for the demo region (Fengshan, 451223 → post HC-FS-01), issued a minute ago.</summary>
    public JsonObject Instruction(string instructionId, string riskLevel = "Medium", string? regionCode = "451223", bool onCallNow = false)
    {
        var json = JsonNode.Parse(ValidationExample)!.AsObject();
        json["instructionId"] = instructionId;
        json["riskLevel"] = riskLevel;
        json["issuedAt"] = Now.AddMinutes(-1).ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-ddTHH:mm:sszzz");
        json["subject"]!["regionCode"] = regionCode;
        json["context"]!["onCallNow"] = onCallNow;
        return json;
    }

    const string ValidationExample = """
    {
      "instructionId": "x", "source": "NationalCenter", "kind": "FundTransfer", "riskLevel": "High",
      "fraudType": "ImpersonatingPolice", "issuedAt": "2026-11-21T08:15:00+08:00",
      "subject": { "name": "罗某某", "phone": "+8613800000000", "address": "凤山县凤城镇凤城路 12 号", "location": { "lat": 24.546, "lon": 107.042 }, "regionCode": "451223" },
      "context": { "onCallNow": false, "counterpartNumber": "+85200000000", "amountAtRisk": 52000.00, "note": "long call with a known fraud number" }
    }
    """;

    /// <summary>Publishes raw JSON (no envelope) on the bus, as an AMQP client in any language would.</summary>
    public Task PublishRawAsync(string json) => PublishRawAsync(Encoding.UTF8.GetBytes(json));

    public Task PublishRawAsync(byte[] body) => Services.GetRequiredService<IBus>().PublishRawInstruction(body);

    public async Task<HttpResponseMessage> PostWarningAsync(string json, string? apiKey = ApiKey)
    {
        var client = CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/warnings") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (apiKey is not null) request.Headers.Add("X-Api-Key", apiKey);
        return await client.SendAsync(request);
    }

    public async Task<string> TokenAsync(string username)
    {
        var response = await CreateClient().PostAsJsonAsync("/api/auth/login", new { username, password = "demo" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    public async Task<HttpClient> ClientAsync(string username)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(username));
        return client;
    }

    public async Task<HubClient> HubAsync(string username) =>
        await HubClient.ConnectAsync((uri, ct) => Server.CreateWebSocketClient().ConnectAsync(uri, ct), Server.BaseAddress, await TokenAsync(username));

    /// <summary>Moves the clock and fires the escalation timers that fell due, as the background pump does.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        Clock.Advance(by);
        await Services.GetRequiredService<EscalationTimerPump>().FireDueAsync(CancellationToken.None);
    }

    public List<InstructionStatusChanged> FeedbackFor(string instructionId) => Feedback.Where(f => f.InstructionId == instructionId).ToList();

    public static JsonSerializerOptions Json => WireFormat.Options;

    public override async ValueTask DisposeAsync()
    {
        if (_feedbackEndpoint is not null) await _feedbackEndpoint.StopAsync();
        await base.DisposeAsync();
    }
}

