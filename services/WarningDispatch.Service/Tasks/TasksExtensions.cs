using Microsoft.Extensions.Options;
using WarningDispatch.Domain.Escalation;

namespace WarningDispatch.Service.Tasks;

/// <summary>The task workflow: every change of a task goes through it (read, act, commit with retries).</summary>
public static class TasksExtensions
{
    public static WebApplicationBuilder AddTasks(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TaskWorkflow>();
        builder.Services.AddSingleton<ITaskIndex, ReceivedTaskIndex>();
        builder.Services.AddSingleton<ITaskIndex, ResolvedTaskIndex>();
        builder.Services.AddOptions<ContactPolicy>().BindConfiguration("Contact")
            .Validate(p => p.FailedAttemptsBeforeVisit >= 1,
                "Contact:FailedAttemptsBeforeVisit 须为 1 或更大 (Contact:FailedAttemptsBeforeVisit must be 1 or more.)")
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<ContactPolicy>>().Value);
        return builder;
    }
}
