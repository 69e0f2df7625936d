using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using WarningDispatch.Service.Identity;
using WarningDispatch.Service.Officers;

namespace WarningDispatch.Service.Realtime;

/// <summary>
/// Live task updates at <c>/hubs/tasks</c>. The groups a connection joins come from the authenticated user's claims
/// only. Consoles act over HTTP (idempotent, with client action ids); the hub only pushes.
/// </summary>
[Authorize(Policy = "Officer")]
public sealed class TasksHub(DispatchMetrics metrics, IOfficerPresence presence, IInstancePresence instances)
    : Hub<ITaskClient>
{
    public override async Task OnConnectedAsync()
    {
        foreach (var group in GroupsOf(Context.User!))
            await Groups.AddToGroupAsync(Context.ConnectionId, group);
        if (Context.User!.FindFirstValue(DispatchClaims.OfficerId) is { } officer)
            await presence.ConnectedAsync(officer, Context.ConnectionAborted);
        metrics.ConsoleConnected(+1);
        await base.OnConnectedAsync();
    }

    /// <summary>
    /// Answered only after <see cref="OnConnectedAsync"/> has joined the connection's groups (SignalR runs
    /// invocations after it), unlike the handshake: a console calls it, then re-reads its tasks, so no change can fall
    /// between the read and the subscription. On a starting instance it also waits until the other instances know
    /// this one and announce their changes to it (the connection's keep-alives go on meanwhile).
    /// </summary>
    public async Task<bool> Subscribed()
    {
        await instances.Ready.WaitAsync(Context.ConnectionAborted);
        return true;
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        metrics.ConsoleConnected(-1);
        if (Context.User!.FindFirstValue(DispatchClaims.OfficerId) is { } officer)
            await presence.DisconnectedAsync(officer, CancellationToken.None);
        await base.OnDisconnectedAsync(exception);
    }

    static IEnumerable<string> GroupsOf(ClaimsPrincipal user)
    {
        if (user.IsInRole(Roles.DutyOfficer) && user.FindFirstValue(DispatchClaims.AreaId) is { } area)
            yield return TaskGroups.Area(area, user.FindFirstValue(DispatchClaims.PersonalData) == "true");
        if (user.FindFirstValue(DispatchClaims.OfficerId) is { } officer)
            yield return TaskGroups.Officer(officer);
    }
}
