using WarningDispatch.Domain.Ingest;

namespace WarningDispatch.Service.Realtime;

/// <summary>Live tasks for the consoles: the hub at <c>/hubs/tasks</c> and the broadcaster that pushes to it.</summary>
public static class RealtimeExtensions
{
    public static WebApplicationBuilder AddRealtime(this WebApplicationBuilder builder)
    {
        // The consoles must show a lost connection within 2 s (issue 13), and a dead line is noticed only by
        // silence: the browser's server timeout (js/hub.js) is 2 s. The keep-alive is checked on the connection's
        // 1 s heartbeat and sent once more than the interval has passed since the last send, so half a second means
        // a ping on every tick (two in every browser timeout), where 1 s could leave 2 s between pings.
        builder.Services.AddSignalR(o => o.KeepAliveInterval = TimeSpan.FromMilliseconds(500))
            .AddJsonProtocol(o => WireFormat.Configure(o.PayloadSerializerOptions));
        builder.Services.AddSingleton<TaskBroadcaster>();
        builder.Services.AddOptions<InstancePresenceOptions>().BindConfiguration("Instances")
            .Validate(o => o.Heartbeat > TimeSpan.Zero && o.HandOver >= TimeSpan.Zero,
                "Instances:Heartbeat 必须为正，Instances:HandOver 不能为负 "
                + "(Instances:Heartbeat must be positive and Instances:HandOver 0 or more)")
            .ValidateOnStart();
        return builder;
    }

    public static WebApplication MapRealtime(this WebApplication app)
    {
        app.MapHub<TasksHub>("/hubs/tasks");
        return app;
    }
}
