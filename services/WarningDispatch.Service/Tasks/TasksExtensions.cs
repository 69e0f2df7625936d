namespace WarningDispatch.Service.Tasks;

/// <summary>The task workflow: every change of a task goes through it (read, act, commit with retries).</summary>
public static class TasksExtensions
{
    public static WebApplicationBuilder AddTasks(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TaskWorkflow>();
        return builder;
    }
}
