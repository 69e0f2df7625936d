using System.Runtime.Serialization;
using System.Text.Json;
using MassTransit;
using MassTransit.Middleware;
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

    public static WebApplicationBuilder AddDispatch(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
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
            .Validate(o => o.ApiKeys.All(k => k.Length >= 16), "Ingest:ApiKeys must be at least 16 characters each.").ValidateOnStart();
        services.AddOptions<SimulatorOptions>().BindConfiguration(SimulatorOptions.Section).ValidateOnStart();
        services.AddOptions<InfrastructureGuard>().Configure<IConfiguration>((g, c) =>
            {
                g.RabbitMq = c.GetConnectionString("RabbitMq");
                g.Redis = c.GetConnectionString("Redis");
            })
            .Validate(g => string.IsNullOrEmpty(g.RabbitMq) && string.IsNullOrEmpty(g.Redis),
                "ConnectionStrings:RabbitMq / ConnectionStrings:Redis are set, but this build runs only on the embedded bus and store; the RabbitMQ/Redis implementation is not part of it yet. Unset them to run embedded.")
            .ValidateOnStart();

        services.AddSingleton(sp => RegionData.Load(ResolvePath(sp.GetRequiredService<IOptions<RegionOptions>>().Value.DataFile)));
        services.AddSingleton(sp => sp.GetRequiredService<RegionData>().ToRegistry());
        services.AddSingleton(sp => new Router(sp.GetRequiredService<PostRegistry>(), sp.GetRequiredService<IOptions<RoutingOptions>>().Value));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<EscalationPolicy>>().Value);

        services.AddSingleton<DispatchSignals>();
        services.AddSingleton<DispatchMetrics>();
        services.AddEmbeddedStore();
        services.AddSingleton<TaskWorkflow>();
        services.AddSingleton<OfficerDuty>();
        services.AddScoped<InstructionIntake>();
        services.AddSingleton<TaskBroadcaster>();
        services.AddHostedService<OutboxDispatcher>();
        services.AddSingleton<EscalationTimerPump>();
        services.AddHostedService(sp => sp.GetRequiredService<EscalationTimerPump>());
        services.AddHostedService<WarningSimulator>();

        services.AddDispatchIdentity();
        services.AddSignalR().AddJsonProtocol(o => WireFormat.Configure(o.PayloadSerializerOptions));
        services.AddHealthChecks();
        services.AddDispatchBus();
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
        return services;
    }

    static IServiceCollection AddDispatchBus(this IServiceCollection services) =>
        services.AddMassTransit(x =>
        {
            x.AddConsumer<DispatchWarningConsumer>();
            x.UsingInMemory((context, cfg) =>
            {
                cfg.ConfigureJsonSerializerOptions(WireFormat.Configure);
                cfg.AddRawJsonSerializer(RawSerializerOptions.AnyMessageType);
                cfg.Message<DispatchWarning>(m => m.SetEntityName(InstructionsExchange));
                cfg.Message<InstructionStatusChanged>(m => m.SetEntityName(FeedbackExchange));
                cfg.ReceiveEndpoint(InstructionsQueue, e =>
                {
                    e.UseMessageRetry(r =>
                    {
                        r.Ignore<JsonException>();
                        r.Ignore<SerializationException>();
                        r.Intervals(50, 200, 1000);
                    });
                    e.ConfigureError(pipe =>
                    {
                        pipe.UseFilter(new UnreadableInstructionFilter(context));
                        pipe.UseFilter(new GenerateFaultFilter());
                        pipe.UseFilter(new ErrorTransportFilter());
                    });
                    e.ConfigureConsumer<DispatchWarningConsumer>(context);
                });
            });
        });

    public static WebApplication MapDispatch(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapIdentity();
        app.MapIngest();
        app.MapTasks();
        app.MapOfficers();
        app.MapHub<TasksHub>("/hubs/tasks");
        app.MapHealthChecks("/health/live");
        app.MapHealthChecks("/health/ready");
        return app;
    }

    static string ResolvePath(string path) => Path.IsPathRooted(path) ? path : Path.Combine(AppContext.BaseDirectory, path);

    sealed class InfrastructureGuard
    {
        public string? RabbitMq { get; set; }
        public string? Redis { get; set; }
    }
}
