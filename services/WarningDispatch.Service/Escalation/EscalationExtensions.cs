using Microsoft.Extensions.Options;
using WarningDispatch.Domain.Escalation;

namespace WarningDispatch.Service.Escalation;

/// <summary>The escalation ladder's windows, and the pump that fires its timers.</summary>
public static class EscalationExtensions
{
    public static WebApplicationBuilder AddEscalation(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<EscalationPolicy>().BindConfiguration("Escalation")
            .Validate(p => new[]
                {
                    p.AckHigh, p.AckMedium, p.AckLow, p.CallHigh, p.CallMedium, p.CallLow,
                    p.VisitUrban, p.VisitSuburban, p.VisitRural,
                }.All(t => t > TimeSpan.Zero),
                "Escalation 的每个时限必须为正 (Every Escalation window must be positive.)")
            .Validate(p => p.TimeCompression >= 1,
                "Escalation:TimeCompression 须为 1（实时）或更大 (Escalation:TimeCompression must be 1 (real time) or more.)")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<EscalationPolicy>>().Value);
        services.AddSingleton<EscalationTimerPump>();
        services.AddHostedService(sp => sp.GetRequiredService<EscalationTimerPump>());
        return builder;
    }
}
