using MassTransit;
using WarningDispatch.Domain.Ingest;

namespace WarningDispatch.Service.Ingest;

/// <summary>Instructions in (HTTP and the bus), validation, and the rejections kept for operators.</summary>
public static class IngestExtensions
{
    public static WebApplicationBuilder AddIngest(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<IngestOptions>().BindConfiguration(IngestOptions.Section)
            .Validate(o => o.ApiKeys.All(k => k.Length >= 16),
                "Ingest:ApiKeys 每个至少 16 个字符 (Ingest:ApiKeys must be at least 16 characters each.)")
            .Validate(o => o.MaxBodyBytes >= 4096,
                "Ingest:MaxBodyBytes 至少 4096 (Ingest:MaxBodyBytes must be at least 4096.)")
            .Validate(o => o.MaxAge > InstructionParser.MaxClockSkew,
                "Ingest:MaxAge 必须长于 5 分钟 (Ingest:MaxAge must be longer than 5 minutes.)")
            .ValidateOnStart();
        services.AddOptions<RejectionRetention>().BindConfiguration(RejectionRetention.Section)
            .Validate(o => o.MaxAge > TimeSpan.Zero && o.MaxCount > 0 && o.MaxBytes > 0,
                "Ingest:Rejections 的 MaxAge、MaxCount、MaxBytes 必须为正 " +
                "(Ingest:Rejections:MaxAge, MaxCount and MaxBytes must be positive.)")
            .ValidateOnStart();
        services.AddSingleton<RejectionArea>();
        services.AddSingleton<StoreOutageSwitch>();
        services.AddScoped<InstructionIntake>();
        services.AddReceiveObserver<AcknowledgementTimer>();
        return builder;
    }
}
