using Microsoft.Extensions.Options;
using WarningDispatch.Service.Tasks;

namespace WarningDispatch.Service.FollowUps;

public static class FollowUpsExtensions
{
    /// <summary>After the warning (INTERFACE.md §8): the follow-up visit and its settings.</summary>
    public static WebApplicationBuilder AddFollowUps(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<FollowUpOptions>().BindConfiguration(FollowUpOptions.Section)
            .Validate(o => o.After > TimeSpan.Zero && o.DefraudedWindow > TimeSpan.Zero && o.Grace >= TimeSpan.Zero,
                "FollowUp:After 与 FollowUp:DefraudedWindow 必须为正，FollowUp:Grace 不能为负 " +
                "(FollowUp:After and FollowUp:DefraudedWindow must be positive, FollowUp:Grace not negative)")
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<FollowUpOptions>>().Value.Policy);
        builder.Services.AddSingleton<ITaskIndex, FollowUpIndex>();
        return builder;
    }
}
