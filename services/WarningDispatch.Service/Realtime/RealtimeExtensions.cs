using WarningDispatch.Domain.Ingest;

namespace WarningDispatch.Service.Realtime;

/// <summary>Live tasks for the consoles: the hub at <c>/hubs/tasks</c> and the broadcaster that pushes to it.</summary>
public static class RealtimeExtensions
{
    public static WebApplicationBuilder AddRealtime(this WebApplicationBuilder builder)
    {
        builder.Services.AddSignalR().AddJsonProtocol(o => WireFormat.Configure(o.PayloadSerializerOptions));
        builder.Services.AddSingleton<TaskBroadcaster>();
        return builder;
    }

    public static WebApplication MapRealtime(this WebApplication app)
    {
        app.MapHub<TasksHub>("/hubs/tasks");
        return app;
    }
}
