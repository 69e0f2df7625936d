using Microsoft.AspNetCore.SignalR;
using WarningDispatch.Contracts;

namespace WarningDispatch.Service.Realtime;

/// <summary>
/// What the server calls on a console. The wire names are fixed by INTERFACE.md: <c>taskChanged</c>,
/// <c>taskWithdrawn</c>; <c>resync</c> is this service's own.
/// </summary>
public interface ITaskClient
{
    /// <summary>A task the console may see has a new version.</summary>
    [HubMethodName("taskChanged")]
    Task TaskChanged(TaskSnapshot task);

    /// <summary>A task the console saw is no longer its own (reassigned elsewhere or moved to another area).</summary>
    [HubMethodName("taskWithdrawn")]
    Task TaskWithdrawn(TaskWithdrawal withdrawal);

    /// <summary>Changes may have been missed (this instance was cut off from the others): read the tasks again.
    /// </summary>
    [HubMethodName("resync")]
    Task Resync();
}
