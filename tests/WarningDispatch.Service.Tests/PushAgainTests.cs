using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WarningDispatch.Service.Officers;
using WarningDispatch.Service.Storage.InMemory;
using WarningDispatch.TestSupport;

namespace WarningDispatch.Service.Tests;

/// <summary>
/// An instance alone announces nothing, so no announcement comes back to repair a push that failed right after its
/// commit: the instance reads the task and pushes it again itself a moment later.
/// </summary>
public class PushAgainTests
{
    [Test]
    public async Task A_push_that_failed_after_its_commit_reaches_the_console_a_moment_later()
    {
        FailingOnceRoster? roster = null;
        await using var app = new DispatchApp(b => b.ConfigureTestServices(s => s.Replace(
            ServiceDescriptor.Singleton<IOfficerRoster>(sp =>
                roster = new FailingOnceRoster(ActivatorUtilities.CreateInstance<InMemoryOfficerRoster>(sp))))));
        await app.StartAsync();
        await using var console = await app.HubAsync("fs01a");

        roster!.Armed = true;
        var response = await app.PostWarningAsync(app.Instruction("GX-PUSH-AGAIN").ToJsonString());
        var taskId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("taskId").GetString()!;
        await Eventually.Until(() => roster.Failed, "the push right after the commit failed");
        Assert.That(console.ChangesOf(taskId), Is.Empty, "nothing else pushed it");

        // The second push waits a second on the service's clock.
        await Eventually.Until(() =>
        {
            app.Clock.Advance(TimeSpan.FromSeconds(1));
            return console.ChangesOf(taskId).Any();
        }, "the task pushed again");
    }

    sealed class FailingOnceRoster(IOfficerRoster inner) : ForwardingRoster(inner)
    {
        public volatile bool Armed;
        public volatile bool Failed;

        public override Task<bool> IsOnDutyAsync(string officerId, CancellationToken ct)
        {
            if (!Armed) return base.IsOnDutyAsync(officerId, ct);
            Armed = false;
            Failed = true;
            throw new InvalidOperationException("duty status unavailable");
        }
    }
}
