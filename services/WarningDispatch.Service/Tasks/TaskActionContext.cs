using System.Security.Claims;
using WarningDispatch.Domain.Tasks;
using WarningDispatch.Service.Identity;

namespace WarningDispatch.Service.Tasks;

/// <summary>What every task action endpoint binds: the task, the caller, the request body, and the services.</summary>
public sealed record TaskActionContext(
    string TaskId, HttpRequest Request, ClaimsPrincipal User, TaskWorkflow Workflow, TimeProvider Clock,
    CancellationToken Ct)
{
    public Actor Actor => User.ToActor();
    public DateTimeOffset Now => Clock.GetUtcNow();
}
