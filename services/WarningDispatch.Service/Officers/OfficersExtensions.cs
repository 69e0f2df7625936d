using Microsoft.Extensions.Options;
using WarningDispatch.Domain.Routing;

namespace WarningDispatch.Service.Officers;

/// <summary>
/// Posts, officers, duty and routing. The region itself comes from the storage module (file or Redis).
/// </summary>
public static class OfficersExtensions
{
    public static WebApplicationBuilder AddOfficers(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RegionOptions>().BindConfiguration(RegionOptions.Section)
            .Validate(o => File.Exists(o.FullPath),
                "Region:DataFile 必须指向已有的区域文件 (Region:DataFile must name an existing region file.)")
            .ValidateOnStart();
        services.AddOptions<RoutingOptions>().BindConfiguration("Routing")
            .Validate(o => o.MaxNearestKm > 0, "Routing:MaxNearestKm 必须为正 (Routing:MaxNearestKm must be positive.)")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<RegionData>().ToRegistry());
        services.AddSingleton(sp =>
            new Router(sp.GetRequiredService<PostRegistry>(), sp.GetRequiredService<IOptions<RoutingOptions>>().Value));
        services.AddSingleton<OfficerDuty>();
        return builder;
    }
}
