using Microsoft.Extensions.Options;
using WarningDispatch.Service.Cases;
using WarningDispatch.Service.Escalation;
using WarningDispatch.Service.Feedback;
using WarningDispatch.Service.FraudReports;
using WarningDispatch.Service.Identity;
using WarningDispatch.Service.Ingest;
using WarningDispatch.Service.Officers;
using WarningDispatch.Service.Realtime;
using WarningDispatch.Service.Tasks;

namespace WarningDispatch.Service.Storage.InMemory;

public static class InMemoryStorageExtensions
{
    /// <summary>Every store in process memory, for one instance: the embedded demo and the in-process tests.</summary>
    public static IServiceCollection AddInMemoryStorage(this IServiceCollection services)
    {
        services.AddSingleton(sp => RegionData.Load(sp.GetRequiredService<IOptions<RegionOptions>>().Value.FullPath));
        services.AddSingleton<InMemoryDispatchStore>();
        services.AddSingleton<ITaskStore>(sp => sp.GetRequiredService<InMemoryDispatchStore>());
        services.AddSingleton<ITimerQueue>(sp => sp.GetRequiredService<InMemoryDispatchStore>());
        services.AddSingleton<IOutbox>(sp => sp.GetRequiredService<InMemoryDispatchStore>());
        services.AddSingleton<ICaseStore>(sp => sp.GetRequiredService<InMemoryDispatchStore>());
        services.AddSingleton<ITaskIndexReader>(sp => sp.GetRequiredService<InMemoryDispatchStore>());
        services.AddSingleton<IRejectionStore, InMemoryRejectionStore>();
        services.AddSingleton<IFraudReportStore, InMemoryFraudReportStore>();
        services.AddSingleton<IOfficerRoster, InMemoryOfficerRoster>();
        services.AddSingleton<IOfficerPresence, InMemoryOfficerPresence>();
        services.AddSingleton<IInstancePresence, SingleInstancePresence>();
        services.AddSingleton<ISessionRevocations, InMemorySessionRevocations>();
        services.AddSingleton<ISignInThrottle, InMemorySignInThrottle>();
        return services;
    }
}
