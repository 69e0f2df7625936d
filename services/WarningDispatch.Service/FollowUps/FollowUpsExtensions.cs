namespace WarningDispatch.Service.FollowUps;

public static class FollowUpsExtensions
{
    /// <summary>After the warning (INTERFACE.md §8): the follow-up visit and its settings.</summary>
    public static WebApplicationBuilder AddFollowUps(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<FollowUpOptions>().BindConfiguration(FollowUpOptions.Section)
            .Validate(o => o.After > TimeSpan.Zero && o.DefraudedWindow > TimeSpan.Zero,
                "FollowUp:After 与 FollowUp:DefraudedWindow 必须为正 " +
                "(FollowUp:After and FollowUp:DefraudedWindow must be positive)")
            .ValidateOnStart();
        return builder;
    }
}
