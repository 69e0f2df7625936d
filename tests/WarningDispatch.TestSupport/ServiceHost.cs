using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using WarningDispatch.Service.Ingest;

namespace WarningDispatch.TestSupport;

/// <summary>
/// The whole service in process on its embedded default (in-memory bus and store, the demo region, no simulator), with
/// what every in-process test drives it by: the interface's example instruction, the bus, HTTP ingest and sign-in.
/// Subclasses choose the server (TestServer or Kestrel) and the clock.
/// </summary>
/// <param name="configure">Applied last: a test's own environment or settings.</param>
public abstract class ServiceHost(Action<IWebHostBuilder>? configure = null) : WebApplicationFactory<Program>
{
    public const string ApiKey = "test-ingest-key-000001";
    public const string SubjectName = "罗某某";
    public const string SubjectPhone = "+8613800000000";
    public const string SubjectAddress = "凤山县凤城镇凤城路 12 号";
    public const string Counterpart = "+85200000000";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Simulator:Enabled", "false");
        builder.UseSetting("Ingest:ApiKeys:0", ApiKey);
        ConfigureHost(builder);
        configure?.Invoke(builder);
    }

    /// <summary>What the subclass adds before the test's own <c>configure</c>.</summary>
    protected virtual void ConfigureHost(IWebHostBuilder builder) { }

    /// <summary>A client of this service's HTTP API, without credentials.</summary>
    public virtual HttpClient NewClient() => CreateClient();

    /// <summary>The service's own clock.</summary>
    public DateTimeOffset Now => Services.GetRequiredService<TimeProvider>().GetUtcNow();

    /// <summary>
    /// The interface's example instruction, issued a minute ago by the service's clock. In the demo region 451223
    /// goes to post 凤城派出所 (HC-FS-01); for another region code the Fengshan location is dropped:
    /// the code decides.
    /// </summary>
    /// <param name="phone">The person's phone; by default one of the instruction id's own, so that instructions of
    /// different tests and ids are about different people (equal phones are one person's case).</param>
    public JsonObject Instruction(string instructionId, string riskLevel = "Medium", string? regionCode = "451223",
        bool onCallNow = false, string? phone = null)
    {
        var json = JsonNode.Parse(Example)!.AsObject();
        json["instructionId"] = instructionId;
        json["subject"]!["phone"] = phone ?? PhoneFor(instructionId);
        json["riskLevel"] = riskLevel;
        json["issuedAt"] = Now.AddMinutes(-1).ToOffset(TimeSpan.FromHours(8))
            .ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
        json["subject"]!["regionCode"] = regionCode;
        if (regionCode is not (null or "451223")) json["subject"]!.AsObject().Remove("location");
        json["context"]!["onCallNow"] = onCallNow;
        return json;
    }

    /// <summary>A phone number that belongs to this instruction id alone (FNV-1a of the id, 8 digits).</summary>
    public static string PhoneFor(string instructionId)
    {
        var hash = 2166136261u;
        foreach (var c in instructionId) hash = (hash ^ c) * 16777619u;
        return "+86139" + (hash % 100_000_000).ToString("D8", CultureInfo.InvariantCulture);
    }

    const string Example = $$"""
    {
      "instructionId": "x", "source": "NationalCenter", "kind": "FundTransfer", "riskLevel": "Medium",
      "fraudType": "ImpersonatingPolice", "issuedAt": "2026-11-21T08:15:00+08:00",
      "subject": {
        "name": "{{SubjectName}}", "phone": "{{SubjectPhone}}", "address": "{{SubjectAddress}}",
        "location": { "lat": 24.546, "lon": 107.042 }, "regionCode": "451223"
      },
      "context": {
        "onCallNow": false, "counterpartNumber": "{{Counterpart}}", "amountAtRisk": 52000.00,
        "note": "long call with a known fraud number"
      }
    }
    """;

    /// <summary>Publishes raw JSON (no envelope) on the bus, as an AMQP client in any language would.</summary>
    public Task PublishRawAsync(string json) => PublishRawAsync(Encoding.UTF8.GetBytes(json));

    public Task PublishRawAsync(byte[] body) => Services.GetRequiredService<IBus>().PublishRawInstruction(body);

    /// <summary>POST /api/warnings with the test's ingest key (or another key, or none).</summary>
    public async Task<HttpResponseMessage> PostWarningAsync(string json, string? apiKey = ApiKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/warnings")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        if (apiKey is not null) request.Headers.Add("X-Api-Key", apiKey);
        return await NewClient().SendAsync(request);
    }

    /// <summary>Publishes a raw JSON update (no envelope) on the bus.</summary>
    public Task PublishRawUpdateAsync(string json) =>
        Services.GetRequiredService<IBus>().PublishRawUpdate(Encoding.UTF8.GetBytes(json));

    /// <summary>POST /api/warnings/{instructionId}/updates with the test's ingest key.</summary>
    public async Task<HttpResponseMessage> PostUpdateAsync(string instructionId, byte[] body, string? apiKey = ApiKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post,
            $"/api/warnings/{Uri.EscapeDataString(instructionId)}/updates") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (apiKey is not null) request.Headers.Add("X-Api-Key", apiKey);
        return await NewClient().SendAsync(request);
    }

    /// <summary>Signs a demo user in (password "demo") and answers the bearer token.</summary>
    public async Task<string> TokenAsync(string username)
    {
        var response = await NewClient().PostAsJsonAsync("/api/auth/login", new { username, password = "demo" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    /// <summary>An API client signed in as a demo user with a bearer token.</summary>
    public async Task<HttpClient> ClientAsync(string username)
    {
        var client = NewClient();
        var token = await TokenAsync(username);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
