using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using WarningDispatch.TestSupport;

namespace WarningDispatch.Browser.Tests;

/// <summary>
/// The whole service in process on real Kestrel (a browser needs a real socket) and real time. The test reaches the bus
/// through <see cref="ServiceHost.PublishRawAsync(string)"/>.
/// </summary>
/// <param name="configure">Applied last: a test's own settings.</param>
public sealed class ConsoleHost(Action<IWebHostBuilder>? configure = null) : ServiceHost(configure)
{
    public Uri BaseAddress { get; private set; } = null!;

    public Task StartAsync()
    {
        UseKestrel(0);
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1"));
        return Task.CompletedTask;
    }

    /// <summary>Over Kestrel's socket, as a browser reaches it.</summary>
    public override HttpClient NewClient() => new() { BaseAddress = BaseAddress };

    /// <summary>
    /// Publishes raw JSON on the bus with no envelope, exactly as an AMQP client in any language would.
    /// </summary>
    public Task PublishAsync(JsonObject instruction) => PublishRawAsync(instruction.ToJsonString());

    /// <summary>POST /api/warnings; answers the task id.</summary>
    public async Task<string> PostWarningAsync(JsonObject instruction)
    {
        var response = await PostWarningAsync(instruction.ToJsonString());
        Assert.That((int)response.StatusCode, Is.EqualTo(202), await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("taskId").GetString()!;
    }

    /// <summary>An API client signed in as a demo user with a bearer token (the browser uses a cookie).</summary>
    public async Task<Api> ApiAsync(string username) => new(await ClientAsync(username));
}
