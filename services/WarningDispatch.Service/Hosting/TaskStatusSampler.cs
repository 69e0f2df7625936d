using WarningDispatch.Service.Tasks;

namespace WarningDispatch.Service.Hosting;

/// <summary>Reads the task counts by status every few seconds for the <c>dispatch.tasks</c> gauge.</summary>
public sealed class TaskStatusSampler(ITaskStore store, DispatchMetrics metrics, TimeProvider clock,
    ILogger<TaskStatusSampler> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5), clock);
        do
        {
            try { metrics.TasksByStatus(await store.CountByStatusAsync(stoppingToken)); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Task counts could not be sampled");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
