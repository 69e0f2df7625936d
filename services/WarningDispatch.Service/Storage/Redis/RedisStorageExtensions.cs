using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.Options;
using OpenTelemetry.Trace;
using StackExchange.Redis;
using WarningDispatch.Service.Cases;
using WarningDispatch.Service.Escalation;
using WarningDispatch.Service.Feedback;
using WarningDispatch.Service.FraudReports;
using WarningDispatch.Service.Identity;
using WarningDispatch.Service.Ingest;
using WarningDispatch.Service.Officers;
using WarningDispatch.Service.Realtime;
using WarningDispatch.Service.Security;
using WarningDispatch.Service.Tasks;

namespace WarningDispatch.Service.Storage.Redis;

public static class RedisStorageExtensions
{
    /// <summary>
    /// Every store in Redis, shared by all instances: tasks, timers, outbox, rejections, duty, presence, sessions,
    /// the sign-in throttle, the region and the data-protection key ring.
    /// </summary>
    public static IServiceCollection AddRedisStorage(this IServiceCollection services, string configuration)
    {
        services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.Section)
            .Validate(o => o.OperationTimeout > TimeSpan.Zero && o.Retries >= 0,
                "Redis:OperationTimeout 必须为正，Redis:Retries 不能为负 " +
                "(Redis:OperationTimeout must be positive and Redis:Retries 0 or more)")
            .ValidateOnStart();
        services.AddSingleton(sp => RedisGateway.Connect(configuration,
            sp.GetRequiredService<IOptions<RedisOptions>>().Value, sp.GetRequiredService<ILogger<RedisGateway>>()));
        services.AddSingleton<IConnectionMultiplexer>(sp => sp.GetRequiredService<RedisGateway>().Connection);
        services.AddSingleton(SeedRegion);

        services.AddSingleton<ITaskStore, RedisTaskStore>();
        services.AddSingleton<ITimerQueue, RedisTimerQueue>();
        services.AddSingleton<IOutbox, RedisOutbox>();
        services.AddSingleton<ICaseStore, RedisCaseStore>();
        services.AddSingleton<ITaskIndexReader, RedisTaskIndexReader>();
        services.AddSingleton<IRejectionStore, RedisRejectionStore>();
        services.AddSingleton<IFraudReportStore, RedisFraudReportStore>();
        services.AddSingleton<RedisOfficerRoster>();
        services.AddSingleton<IOfficerRoster>(sp => sp.GetRequiredService<RedisOfficerRoster>());
        services.AddSingleton<RedisOfficerPresence>();
        services.AddSingleton<IOfficerPresence>(sp => sp.GetRequiredService<RedisOfficerPresence>());
        services.AddHostedService(sp => sp.GetRequiredService<RedisOfficerPresence>());
        services.AddSingleton<IInstanceRegistry, RedisInstanceRegistry>();
        services.AddSingleton<SharedInstancePresence>();
        services.AddSingleton<IInstancePresence>(sp => sp.GetRequiredService<SharedInstancePresence>());
        services.AddHostedService(sp => sp.GetRequiredService<SharedInstancePresence>());
        services.AddSingleton<ISessionRevocations, RedisSessionRevocations>();
        services.AddSingleton<ISignInThrottle, RedisSignInThrottle>();
        services.AddHostedService<RedisStartup>();

        services.AddHealthChecks()
            .AddCheck<RedisHealthCheck>("redis", tags: ["ready", Ingest.StoreOutageSwitch.StoreTag]);
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddRedisInstrumentation());
        AddKeyRing(services);
        return services;
    }

    /// <summary>
    /// The data-protection key ring in Redis, so a cookie or token issued by one instance is valid on all. It is
    /// what <c>PersistKeysToStackExchangeRedis</c> registers, with the connection taken from the container (that
    /// overload wants one before the container exists). Encrypted at rest by the Security feature's
    /// <see cref="AesGcmXmlEncryptor"/>, whose key is therefore required here outside Development and Testing.
    /// </summary>
    static void AddKeyRing(IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("WarningDispatch");
        services.AddOptions<KeyManagementOptions>().Configure<RedisGateway>((o, redis) =>
            o.XmlRepository = new RedisXmlRepository(() => redis.Database, RedisKeys.DataProtectionKeys));
        services.AddOptions<KeyEncryptionOptions>()
            .Validate<IHostEnvironment>((o, environment) => environment.IsDemoOrTest() || o.Key() is not null,
                "使用 Redis 时（Development、Testing 除外）必须设置 DataProtection:KeyEncryptionKey，" +
                "Redis 中的密钥环可签发任何登录凭据 (With Redis outside Development and Testing, " +
                "DataProtection:KeyEncryptionKey is required: the key ring in Redis can mint any sign-in)")
            .ValidateOnStart();
    }

    /// <summary>
    /// The region file is the seed; the registry lives in Redis (so every instance routes on the same data) and the
    /// file is written to it only when Redis has none. Read once while the container builds the first consumer of
    /// the region, before anything is served.
    /// </summary>
    static RegionData SeedRegion(IServiceProvider services)
    {
        var path = services.GetRequiredService<IOptions<RegionOptions>>().Value.FullPath;
        var db = services.GetRequiredService<RedisGateway>().Database;
        db.StringSet(RedisKeys.Region, File.ReadAllText(path), when: When.NotExists);
        return RegionData.Parse(db.StringGet(RedisKeys.Region)!, RedisKeys.Region!);
    }
}
