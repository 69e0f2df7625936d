using System.Collections.Concurrent;
using System.Text.Json;
using MassTransit;
using MassTransit.DependencyInjection.Testing;
using MassTransit.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using WarningDispatch.Contracts;
using WarningDispatch.Domain.Ingest;
using WarningDispatch.Service.Escalation;
using WarningDispatch.TestSupport;

namespace WarningDispatch.Service.Tests;

/// <summary>
/// The service on TestServer with a fake clock the test moves, recording the feedback published upstream and, in
/// <see cref="Harness"/>, what its bus published and consumed; consoles connect through the .NET SignalR client over
/// TestServer's WebSocket.
/// </summary>
/// <param name="configure">Applied last: a test's own environment or settings.</param>
public sealed class DispatchApp(Action<IWebHostBuilder>? configure = null) : ServiceHost(configure)
{
    public static readonly DateTimeOffset Start = new(2026, 11, 21, 0, 20, 0, TimeSpan.Zero);
    public FakeTimeProvider Clock { get; } = new(Start);
    public ConcurrentQueue<InstructionStatusChanged> Feedback { get; } = new();
    HostReceiveEndpointHandle? _feedbackEndpoint;

    protected override void ConfigureHost(IWebHostBuilder builder)
    {
        // The ladder tests act on one sign-in across hours of fake clock; SignInTests use the real lifetime.
        builder.UseSetting("Sessions:AccessTokenLifetime", "12:00:00");
        // Instances on Redis: consoles subscribe right after the first heartbeat (a test moves each app's clock).
        builder.UseSetting("Instances:HandOver", "00:00:00");
        // Every pass of every stage timed, so a test sees each instruction's stages.
        builder.UseSetting("Telemetry:Stages:SampleEvery", "1");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            AddTestHarness(services);
        });
    }

    /// <summary>What the service's bus published and consumed (MassTransit's test harness, 30 s per test).</summary>
    public ITestHarness Harness => Services.GetRequiredService<ITestHarness>();

    /// <summary>
    /// The harness's observers on the service's own bus. Not AddMassTransitTestHarness: with a bus already registered
    /// it replaces the service's configuration by a default in-memory one, dropping the raw-JSON serializer, the
    /// exchange names and the instructions endpoint's retry and error pipes that these tests exercise.
    /// </summary>
    static void AddTestHarness(IServiceCollection services)
    {
        services.AddOptions<TestHarnessOptions>();
        services.AddBusObserver<ContainerTestHarnessBusObserver>();
        services.TryAddSingleton<ContainerTestHarness>();
        services.TryAddSingleton<ITestHarness>(provider => provider.GetRequiredService<ContainerTestHarness>());
    }

    /// <summary>Starts the service and subscribes to feedback as an upstream system would, on its own queue.</summary>
    public async Task StartAsync()
    {
        _ = Server;
        var bus = Services.GetRequiredService<IBus>();
        _feedbackEndpoint = bus.ConnectReceiveEndpoint("test-feedback-recorder", e =>
            e.Handler<InstructionStatusChanged>(ctx =>
            {
                Feedback.Enqueue(ctx.Message);
                return Task.CompletedTask;
            }));
        await _feedbackEndpoint.Ready;
    }

    public async Task<HubClient> HubAsync(string username) => await HubWithTokenAsync(await TokenAsync(username));

    /// <summary>A console's hub connection with the given bearer token (or none) and request headers.</summary>
    public Task<HubClient> HubWithTokenAsync(string? token, IDictionary<string, string>? headers = null,
        TimeSpan? serverTimeout = null) =>
        HubClient.ConnectAsync(Server.BaseAddress, token, options =>
        {
            foreach (var (name, value) in headers ?? new Dictionary<string, string>()) options.Headers[name] = value;
            options.HttpMessageHandlerFactory = _ => Server.CreateHandler();
            options.WebSocketFactory = OpenTestServerWebSocket;
        }, serverTimeout);

    /// <summary>
    /// TestServer's WebSocket with the connection's headers; the token goes in the query string, as the browser
    /// consoles send it (a browser WebSocket cannot carry an Authorization header).
    /// </summary>
    async ValueTask<System.Net.WebSockets.WebSocket> OpenTestServerWebSocket(
        WebSocketConnectionContext context, CancellationToken ct)
    {
        var sockets = Server.CreateWebSocketClient();
        sockets.ConfigureRequest = request =>
        {
            foreach (var (name, value) in context.Options.Headers) request.Headers[name] = value;
        };
        var uri = context.Uri;
        if (context.Options.AccessTokenProvider is { } provider && await provider() is { Length: > 0 } token)
        {
            var query = uri.Query.Length > 1 ? uri.Query[1..] + "&" : "";
            uri = new UriBuilder(uri) { Query = query + "access_token=" + Uri.EscapeDataString(token) }.Uri;
        }
        return await sockets.ConnectAsync(uri, ct);
    }

    /// <summary>Moves the clock and fires the escalation timers that fell due, as the background pump does.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        Clock.Advance(by);
        await Services.GetRequiredService<EscalationTimerPump>().FireDueAsync(CancellationToken.None);
    }

    public List<InstructionStatusChanged> FeedbackFor(string instructionId) =>
        Feedback.Where(f => f.InstructionId == instructionId).ToList();

    public static JsonSerializerOptions Json => WireFormat.Options;

    public override async ValueTask DisposeAsync()
    {
        if (_feedbackEndpoint is not null) await _feedbackEndpoint.StopAsync();
        await base.DisposeAsync();
    }
}
