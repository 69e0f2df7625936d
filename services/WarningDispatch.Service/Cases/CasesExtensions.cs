using WarningDispatch.Service.Security;
using WarningDispatch.Service.Tasks;

namespace WarningDispatch.Service.Cases;

public static class CasesExtensions
{
    /// <summary>Warnings about the same person as one case (INTERFACE §6): the settings, the keyed person index and
    /// the follow-ups that keep a case's tasks together. The case store comes with the storage backend.</summary>
    public static WebApplicationBuilder AddCases(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CorrelationOptions>().BindConfiguration(CorrelationOptions.Section)
            .Validate(o => o.Window > TimeSpan.Zero && o.RepeatCount >= 2, CorrelationText.WindowAndCount)
            .Validate<IHostEnvironment>((o, environment) => o.Secret() is not null
                    || (string.IsNullOrWhiteSpace(o.PersonKey) && environment.IsDemoOrTest()),
                CorrelationText.KeyRequired)
            .ValidateOnStart();
        builder.Services.AddSingleton<PersonKeyring>();
        builder.Services.AddSingleton<CaseFollowUps>();
        builder.Services.AddSingleton<ITaskIndex, PersonTaskIndex>();
        return builder;
    }
}
