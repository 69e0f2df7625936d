using WarningDispatch.TestSupport;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using StackExchange.Redis;
using WarningDispatch.Domain.Ingest;
using WarningDispatch.Domain.Tasks;

namespace WarningDispatch.Infrastructure.Tests;

/// <summary>
/// One private Redis and one private RabbitMQ node for the whole run; started once, stopped at the end.
/// </summary>
[SetUpFixture]
public sealed class Servers
{
    public static PrivateRedis Redis { get; private set; } = null!;
    public static PrivateRabbitMq RabbitMq { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        foreach (var tool in new[] { "redis-server", "rabbitmq-server", "rabbitmqctl" })
            if (!File.Exists($"/usr/sbin/{tool}") && !File.Exists($"/usr/bin/{tool}"))
                Assert.Fail($"{tool} is missing: run tests/run.sh, which installs it from Debian packages.");
        Redis = new PrivateRedis();
        RabbitMq = new PrivateRabbitMq();
        await Task.WhenAll(Redis.StartAsync(), RabbitMq.StartAsync());
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await Redis.DisposeAsync();
        await RabbitMq.DisposeAsync();
    }
}

/// <summary>
/// Each test: an empty Redis and its own RabbitMQ virtual host; service processes it starts are killed after it.
/// </summary>
public abstract class InfrastructureTest
{
    readonly List<IAsyncDisposable> _cleanup = [];
    protected string VirtualHost { get; private set; } = "";
    protected string RabbitUri => Servers.RabbitMq.Uri(VirtualHost);
    protected static PrivateRedis Redis => Servers.Redis;

    [SetUp]
    public async Task IsolateAsync()
    {
        await Redis.FlushAsync();
        VirtualHost = await Servers.RabbitMq.NewVirtualHostAsync();
    }

    [TearDown]
    public async Task CleanUpAsync()
    {
        foreach (var item in Enumerable.Reverse(_cleanup)) await item.DisposeAsync();
        _cleanup.Clear();
    }

    protected T Track<T>(T item) where T : IAsyncDisposable
    {
        _cleanup.Add(item);
        return item;
    }

    protected async Task<ServiceProcess> StartServiceAsync(string name, IDictionary<string, string>? settings = null)
    {
        var service = Track(new ServiceProcess(name, RabbitUri, Redis.Configuration, settings));
        await service.StartAsync();
        return service;
    }

    protected async Task<FeedbackListener> ListenToFeedbackAsync() =>
        Track(await FeedbackListener.StartAsync(RabbitUri));

    protected RawPublisher Publisher() => Track(new RawPublisher(RabbitUri));

    protected static readonly string SingleOfficerRegion =
        Path.Combine(AppContext.BaseDirectory, "single-officer-region.json");

    /// <summary>
    /// A valid instruction as an upstream system would send it, issued now, spread over the demo region.
    /// </summary>
    /// <param name="phone">The person's phone; by default the id's own (equal phones are one person's case).</param>
    protected static string Instruction(string id, string riskLevel = "Medium", int spread = 0, string? phone = null,
        string source = "Telecom")
    {
        string[] codes = ["451223", "451202", "451203", "451221", "451222", "451224", "451225", "451226", "451227",
            "451228", "451229"];
        var json = new JsonObject
        {
            ["instructionId"] = id,
            ["source"] = source,
            ["kind"] = "SuspiciousCall",
            ["riskLevel"] = riskLevel,
            ["issuedAt"] = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8))
                .ToString("yyyy-MM-ddTHH:mm:ss.fffzzz", CultureInfo.InvariantCulture),
            ["subject"] = new JsonObject { ["name"] = "测试", ["phone"] = phone ?? ServiceHost.PhoneFor(id),
                ["regionCode"] = codes[spread % codes.Length] },
            ["context"] = new JsonObject { ["onCallNow"] = false },
        };
        return json.ToJsonString();
    }

    protected static async Task<long> TaskCountAsync() => await Redis.Db.SetLengthAsync("wd:tasks:all");

    protected static async Task<List<DispatchTask>> TasksAsync()
    {
        var ids = await Redis.Db.SetMembersAsync("wd:tasks:all");
        var tasks = new List<DispatchTask>();
        foreach (var chunk in ids.Chunk(1000))
        {
            var batch = Redis.Db.CreateBatch();
            var reads = chunk.Select(id => batch.HashGetAsync($"wd:{{{id}}}:task", "j")).ToList();
            batch.Execute();
            foreach (var json in await Task.WhenAll(reads))
                tasks.Add(JsonSerializer.Deserialize<DispatchTask>((string)json!, WireFormat.Options)!);
        }
        return tasks;
    }

    /// <summary>Messages in the instructions error queue (0 when it was never created).</summary>
    protected async Task<uint> ErrorQueueDepthAsync()
    {
        await using var connection = await new RabbitMQ.Client.ConnectionFactory { Uri = new Uri(RabbitUri) }
            .CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        try { return (await channel.QueueDeclarePassiveAsync("warning-dispatch.instructions_error")).MessageCount; }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException) { return 0; }
    }

    /// <summary>
    /// Messages waiting in a queue of this test's virtual host, and held unacknowledged (0, 0 when none).
    /// </summary>
    protected async Task<(uint Ready, uint Unacked)> QueueDepthAsync(string queue)
    {
        var output = await Servers.RabbitMq.CtlAsync(
            $"list_queues -p {VirtualHost} name messages_ready messages_unacknowledged --no-table-headers --quiet");
        var row = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('\t', StringSplitOptions.TrimEntries)).FirstOrDefault(c => c[0] == queue);
        return row is null ? (0u, 0u) : (uint.Parse(row[1]), uint.Parse(row[2]));
    }

    protected static void Report(string line) =>
        TestContext.Progress.WriteLine($"[{TestContext.CurrentContext.Test.Name}] {line}");
}
