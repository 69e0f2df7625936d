using WarningDispatch.Service.Messaging;
using WarningDispatch.Service.Storage.InMemory;
using WarningDispatch.Service.Storage.Redis;

namespace WarningDispatch.Service.Hosting;

/// <summary>
/// The one place that chooses between the embedded infrastructure (in-process bus and store, for the demo and the
/// in-process tests) and the production one (RabbitMQ and Redis). Nothing else asks which one runs.
/// </summary>
public static class InfrastructureExtensions
{
    /// <summary>Both connection strings set: production. Neither: embedded. One without the other refuses.</summary>
    public static WebApplicationBuilder AddInfrastructure(this WebApplicationBuilder builder)
    {
        var rabbitMq = NullIfEmpty(builder.Configuration.GetConnectionString("RabbitMq"));
        var redis = NullIfEmpty(builder.Configuration.GetConnectionString("Redis"));
        if ((rabbitMq is null) != (redis is null))
            throw new InvalidOperationException(
                "ConnectionStrings:RabbitMq 与 ConnectionStrings:Redis 须同时设置（生产）或都不设置（内嵌演示） " +
                "(Set both ConnectionStrings:RabbitMq and ConnectionStrings:Redis (production), or neither (embedded " +
                "demo); one without the other would lose either messages or tasks in a crash.)");
        return rabbitMq is null
            ? builder.AddEmbeddedInfrastructure()
            : builder.AddProductionInfrastructure(rabbitMq, redis!);
    }

    /// <summary>In-process bus and in-memory stores: one instance, nothing to install.</summary>
    public static WebApplicationBuilder AddEmbeddedInfrastructure(this WebApplicationBuilder builder)
    {
        builder.Services.AddInMemoryStorage().AddInProcessMessaging();
        return builder;
    }

    /// <summary>RabbitMQ (an <c>amqp://</c> URI) and Redis (a StackExchange.Redis configuration string).</summary>
    public static WebApplicationBuilder AddProductionInfrastructure(this WebApplicationBuilder builder,
        string rabbitMq, string redis)
    {
        if (!rabbitMq.StartsWith("amqp", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException(
                "ConnectionStrings:RabbitMq 须为 amqp:// 或 amqps:// URI " +
                "(ConnectionStrings:RabbitMq must be an amqp:// or amqps:// URI.)");
        builder.Services.AddRedisStorage(redis).AddRabbitMqMessaging(rabbitMq);
        return builder;
    }

    static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
