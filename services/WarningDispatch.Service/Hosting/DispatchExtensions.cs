using System.Runtime.Serialization;
using System.Text.Json;
using MassTransit;
using MassTransit.Middleware;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WarningDispatch.Contracts;
using WarningDispatch.Domain.Escalation;
using WarningDispatch.Domain.Ingest;
using WarningDispatch.Domain.Routing;
using WarningDispatch.Service.Escalation;
using WarningDispatch.Service.Feedback;
using WarningDispatch.Service.Identity;
using WarningDispatch.Service.Ingest;
using WarningDispatch.Service.Officers;
using WarningDispatch.Service.Realtime;
using WarningDispatch.Service.Security;
using WarningDispatch.Service.Simulator;
using WarningDispatch.Service.Tasks;

namespace WarningDispatch.Service.Hosting;

public sealed class RegionOptions
{
    public const string Section = "Region";
    /// <summary>Posts, officers and accounts; relative paths are resolved against the application folder.</summary>
    public string DataFile { get; set; } = "Officers/demo-region.json";
}

public static class DispatchExtensions
{
    public const string InstructionsExchange = "warning-instructions";
    public const string FeedbackExchange = "warning-feedback";
    public const string InstructionsQueue = "warning-dispatch.instructions";
    public const string TaskEventsExchange = "warning-dispatch.task-events";
    /// <summary>One retry a second for a day: MassTransit materialises the intervals, so "forever" is a day.</summary>
    const int StoreOutageRetries = 86_400;

    public static WebApplicationBuilder AddDispatch(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var infrastructure = Infrastructure.From(builder.Configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddProblemDetails();
        services.Configure<JsonOptions>(o => WireFormat.Configure(o.SerializerOptions));

        services.AddOptions<RegionOptions>().BindConfiguration(RegionOptions.Section)
            .Validate(o => File.Exists(ResolvePath(o.DataFile)), "Region:DataFile must name an existing region file.").ValidateOnStart();
        services.AddOptions<EscalationPolicy>().BindConfiguration("Escalation")
            .Validate(p => new[] { p.AckHigh, p.AckMedium, p.AckLow, p.CallHigh, p.CallMedium, p.CallLow, p.VisitUrban, p.VisitSuburban, p.VisitRural }.All(t => t > TimeSpan.Zero),
                "Every Escalation window must be positive.")
            .Validate(p => p.TimeCompression >= 1, "Escalation:TimeCompression must be 1 (real time) or more.")
            .ValidateOnStart();
        services.AddOptions<RoutingOptions>().BindConfiguration("Routing")
            .Validate(o => o.MaxNearestKm > 0, "Routing:MaxNearestKm must be positive.").ValidateOnStart();
        services.AddOptions<IngestOptions>().BindConfiguration(IngestOptions.Section)
            .Validate(o => o.ApiKeys.All(k => k.Length >= 16), "Ingest:ApiKeys must be at least 16 characters each.")
            .Validate(o => o.MaxBodyBytes >= 4096, "Ingest:MaxBodyBytes must be at least 4096.")
            .Validate(o => o.MaxAge > InstructionParser.MaxClockSkew, "Ingest:MaxAge must be longer than 5 minutes.")
            .ValidateOnStart();
        services.AddOptions<RejectionRetention>().BindConfiguration(RejectionRetention.Section)
            .Validate(o => o.MaxAge > TimeSpan.Zero && o.MaxCount > 0 && o.MaxBytes > 0,
                "Ingest:Rejections:MaxAge, MaxCount and MaxBytes must be positive.")
            .ValidateOnStart();
        services.AddSingleton<RejectionArea>();
        services.AddOptions<SimulatorOptions>().BindConfiguration(SimulatorOptions.Section).ValidateOnStart();
        services.AddOptions<RedisOptions>().BindConfiguration("Redis")
            .Validate(o => o.OperationTimeout > TimeSpan.Zero && o.Retries >= 0, "Redis:OperationTimeout must be positive and Redis:Retries 0 or more.").ValidateOnStart();

        services.AddSingleton(ServiceInstance.New());
        services.AddSingleton(sp => LoadRegion(sp, infrastructure));
        services.AddSingleton(sp => sp.GetRequiredService<RegionData>().ToRegistry());
        services.AddSingleton(sp => new Router(sp.GetRequiredService<PostRegistry>(), sp.GetRequiredService<IOptions<RoutingOptions>>().Value));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<EscalationPolicy>>().Value);

        services.AddSingleton<DispatchSignals>();
        services.AddSingleton<DispatchMetrics>();
        if (infrastructure.IsEmbedded) services.AddEmbeddedStore();
        else services.AddRedisStore(infrastructure.Redis!);
        services.AddSingleton<TaskWorkflow>();
        services.AddSingleton<OfficerDuty>();
        services.AddScoped<InstructionIntake>();
        services.AddSingleton<TaskBroadcaster>();
        services.AddHostedService<OutboxDispatcher>();
        services.AddHostedService<TaskStatusSampler>();
        services.AddSingleton<EscalationTimerPump>();
        services.AddHostedService(sp => sp.GetRequiredService<EscalationTimerPump>());
        services.AddHostedService<WarningSimulator>();

        services.AddDispatchIdentity();
        services.AddDispatchSecurity();
        services.AddSignalR().AddJsonProtocol(o => WireFormat.Configure(o.PayloadSerializerOptions));
        var health = services.AddHealthChecks();
        if (!infrastructure.IsEmbedded) health.AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);
        services.AddDispatchBus(infrastructure);
        services.AddDispatchTelemetry(builder.Configuration);
        return builder;
    }

    static IServiceCollection AddEmbeddedStore(this IServiceCollection services)
    {
        services.AddSingleton<InMemoryDispatchStore>();
        services.AddSingleton<ITaskStore>(sp => sp.GetRequiredService<InMemoryDispatchStore>());
        services.AddSingleton<ITimerQueue>(sp => sp.GetRequiredService<InMemoryDispatchStore>());
        services.AddSingleton<IOutbox>(sp => sp.GetRequiredService<InMemoryDispatchStore>());
        services.AddSingleton<IRejectionStore, InMemoryRejectionStore>();
        services.AddSingleton<IOfficerRoster, InMemoryOfficerRoster>();
        services.AddSingleton<IOfficerPresence, InMemoryOfficerPresence>();
        return services;
    }

    static IServiceCollection AddRedisStore(this IServiceCollection services, string configuration)
    {
        // StackExchange.Redis 1.2.6 times out under thread-pool starvation (#901): start with enough threads.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), Math.Max(io, 64));
        services.AddSingleton(sp => RedisGateway.Connect(configuration, sp.GetRequiredService<IOptions<RedisOptions>>().Value, sp.GetRequiredService<ILogger<RedisGateway>>()));
        services.AddSingleton<ITaskStore, RedisTaskStore>();
        services.AddSingleton<ITimerQueue, RedisTimerQueue>();
        services.AddSingleton<IOutbox, RedisOutbox>();
        services.AddSingleton<IRejectionStore, RedisRejectionStore>();
        services.AddSingleton<RedisOfficerRoster>();
        services.AddSingleton<IOfficerRoster>(sp => sp.GetRequiredService<RedisOfficerRoster>());
        services.AddSingleton<RedisOfficerPresence>();
        services.AddSingleton<IOfficerPresence>(sp => sp.GetRequiredService<RedisOfficerPresence>());
        services.AddHostedService(sp => sp.GetRequiredService<RedisOfficerPresence>());
        services.AddHostedService<RedisStartup>();
        services.AddDataProtection().SetApplicationName("WarningDispatch");
        services.AddOptions<KeyManagementOptions>().Configure<RedisGateway>((o, redis) => o.XmlRepository = new RedisKeyRing(redis));
        return services;
    }

    /// <summary>
    /// The region file is the seed; with Redis, the registry lives there (so every instance routes on the same data)
    /// and the file is written to it only when Redis has none.
    /// </summary>
    static RegionData LoadRegion(IServiceProvider sp, Infrastructure infrastructure)
    {
        var path = ResolvePath(sp.GetRequiredService<IOptions<RegionOptions>>().Value.DataFile);
        if (infrastructure.IsEmbedded) return RegionData.Load(path);
        var db = sp.GetRequiredService<RedisGateway>().Database;
        db.StringSet(RedisKeys.Region, File.ReadAllText(path), when: StackExchange.Redis.When.NotExists);
        return RegionData.Parse(db.StringGet(RedisKeys.Region)!, RedisKeys.Region);
    }

    static IServiceCollection AddDispatchBus(this IServiceCollection services, Infrastructure infrastructure)
    {
        if (infrastructure.IsEmbedded) services.AddSingleton<IOutboxPublisher, BusOutboxPublisher>();
        else
        {
            services.AddSingleton(new RabbitErrorQueue(infrastructure.RabbitMq!));
            services.AddSingleton<IOutboxPublisher>(sp => new RabbitOutboxPublisher(infrastructure.RabbitMq!, sp.GetRequiredService<ILogger<RabbitOutboxPublisher>>()));
        }
        return services.AddMassTransit(x =>
        {
            x.AddConsumer<DispatchWarningConsumer>();
            x.AddConsumer<TaskChangeConsumer>();
            if (infrastructure.IsEmbedded)
                x.UsingInMemory((context, cfg) => ConfigureBus(context, cfg));
            else
                x.UsingRabbitMq((context, cfg) =>
                {
                    cfg.Host(new Uri(infrastructure.RabbitMq!), h =>
                    {
                        h.PublisherConfirmation = true;
                        h.RequestedConnectionTimeout(TimeSpan.FromSeconds(10));
                        h.Heartbeat(TimeSpan.FromSeconds(10));
                    });
                    ConfigureBus(context, cfg);
                });
        });
    }

    static void ConfigureBus<T>(IBusRegistrationContext context, T cfg) where T : IBusFactoryConfigurator, IReceiveConfigurator
    {
        cfg.ConfigureJsonSerializerOptions(WireFormat.Configure);
        cfg.AddRawJsonSerializer(RawSerializerOptions.AnyMessageType);
        cfg.Message<DispatchWarning>(m => m.SetEntityName(InstructionsExchange));
        cfg.Message<InstructionStatusChanged>(m => m.SetEntityName(FeedbackExchange));
        cfg.Message<TaskChange>(m => m.SetEntityName(TaskEventsExchange));

        // Competing consumers: every instance reads the one durable instructions queue.
        cfg.ReceiveEndpoint(InstructionsQueue, e =>
        {
            e.PrefetchCount = 64;
            e.ConcurrentMessageLimit = 32;
            // Outer retry: while the store is down, hold the message (unacknowledged) and keep trying until it is back;
            // the held messages fill the prefetch, so the instance stops taking more instead of failing them.
            e.UseMessageRetry(r =>
            {
                r.Handle<StoreUnavailableException>();
                r.Interval(StoreOutageRetries, TimeSpan.FromSeconds(1));
            });
            // Inner retry: short in-memory retries for other transient faults, then the error queue.
            e.UseMessageRetry(r =>
            {
                r.Ignore<StoreUnavailableException>();
                // A message that cannot be read never will be: straight to the error pipe, which keeps it.
                r.Ignore<JsonException>();
                r.Ignore<SerializationException>();
                r.Intervals(50, 200, 1000);
            });
            e.ConfigureError(pipe =>
            {
                pipe.UseFilter(ActivatorUtilities.CreateInstance<UnreadableMessageFilter>(context));
                pipe.UseFilter(new GenerateFaultFilter());
                pipe.UseFilter(new ErrorTransportFilter());
            });
            e.ConfigureDeadLetter(pipe =>
            {
                pipe.UseFilter(ActivatorUtilities.CreateInstance<UnconsumedMessageFilter>(context));
                pipe.UseFilter(new DeadLetterTransportFilter());
            });
            e.ConfigureConsumer<DispatchWarningConsumer>(context);
        });

        // Fan-out: each instance its own auto-delete queue on the task-events exchange.
        var instance = context.GetRequiredService<ServiceInstance>();
        cfg.ReceiveEndpoint($"{TaskEventsExchange}.{instance.Id}", e =>
        {
            if (e is IRabbitMqReceiveEndpointConfigurator rabbit)
            {
                rabbit.AutoDelete = true;
                rabbit.Durable = false;
            }
            e.ConfigureConsumeTopology = true;
            // Hints, not work: nothing unreadable or unconsumed is kept in queues that no operator reads.
            e.DiscardFaultedMessages();
            e.DiscardSkippedMessages();
            e.ConfigureConsumer<TaskChangeConsumer>(context);
        });
    }

    public static WebApplication MapDispatch(this WebApplication app)
    {
        app.UseDispatchSecurity();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapIdentity();
        app.MapIngest();
        app.MapErrorQueue();
        app.MapTasks();
        app.MapOfficers();
        app.MapHub<TasksHub>("/hubs/tasks");
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        return app;
    }

    static string ResolvePath(string path) => Path.IsPathRooted(path) ? path : Path.Combine(AppContext.BaseDirectory, path);

    /// <summary>Both connection strings set: RabbitMQ and Redis. Neither: the embedded bus and store.</summary>
    sealed record Infrastructure(string? RabbitMq, string? Redis)
    {
        public bool IsEmbedded => RabbitMq is null;

        public static Infrastructure From(IConfiguration configuration)
        {
            var rabbit = NullIfEmpty(configuration.GetConnectionString("RabbitMq"));
            var redis = NullIfEmpty(configuration.GetConnectionString("Redis"));
            if ((rabbit is null) != (redis is null))
                throw new InvalidOperationException("Set both ConnectionStrings:RabbitMq and ConnectionStrings:Redis (production), or neither (embedded demo); one without the other would lose either messages or tasks in a crash.");
            if (rabbit is not null && !rabbit.StartsWith("amqp", StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException("ConnectionStrings:RabbitMq must be an amqp:// or amqps:// URI.");
            return new Infrastructure(rabbit, redis);
        }

        static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
    }
}
