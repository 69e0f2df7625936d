using System.Net;
using WarningDispatch.TestSupport;

namespace WarningDispatch.Infrastructure.Tests;

/// <summary>
/// An instance that cannot reach Redis gives its work back: it stops consuming, its unacknowledged messages return to
/// the queue for the instances that can, it reports not ready, and it resumes by itself when Redis is back.
/// </summary>
public class StoreOutageTests : InfrastructureTest
{
    [Test]
    public async Task An_instance_cut_off_from_redis_hands_its_messages_to_the_other_and_resumes_by_itself()
    {
        await using var proxy = new TcpProxy(Redis.Port);
        var a = await StartServiceAsync("a");
        var b = Track(new ServiceProcess("b", RabbitUri, $"127.0.0.1:{proxy.Port}"));
        await b.StartAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var ids = Enumerable.Range(0, 3000).Select(i => $"CUT-{i:0000}").ToList();
        var publisher = Publisher();

        var publishing = publisher.PublishAllAsync(ids.Select((id, i) => Instruction(id, spread: i)).ToList(),
            afterEach: async i => { if (i == 600) proxy.Cut(); await Task.CompletedTask; });
        await Eventually.Until(async () => await ReadyAsync(http, b) == HttpStatusCode.ServiceUnavailable
                ? "not ready" : null,
            "b reports not ready while cut off", seconds: 30);
        await publishing;

        await Eventually.Until(async () => await TaskCountAsync() == ids.Count ? "all" : null,
            "every instruction a task through a while b is cut off", seconds: 90);
        var tasks = await TasksAsync();
        Assert.That(tasks.Select(t => t.InstructionId), Is.EquivalentTo(ids), "each exactly once");
        Assert.That(await ReadyAsync(http, b), Is.EqualTo(HttpStatusCode.ServiceUnavailable), "still cut off");
        Report($"{ids.Count} tasks while b was cut off");

        proxy.Restore();
        await Eventually.Until(async () => await ReadyAsync(http, b) == HttpStatusCode.OK ? "ready" : null,
            "b ready again by itself", seconds: 60);
        a.Kill();
        var after = Enumerable.Range(0, 100).Select(i => $"BACK-{i:000}").ToList();
        await publisher.PublishAllAsync(after.Select((id, i) => Instruction(id, spread: i)).ToList());
        await Eventually.Until(async () => await TaskCountAsync() == ids.Count + after.Count ? "all" : null,
            "b alone takes work again", seconds: 60);
    }

    /// <summary>
    /// Readiness as a load balancer sees it: no answer within the client's timeout counts as not ready.
    /// </summary>
    static async Task<HttpStatusCode> ReadyAsync(HttpClient http, ServiceProcess service)
    {
        try { return (await http.GetAsync(new Uri(service.BaseAddress, "/health/ready"))).StatusCode; }
        catch (TaskCanceledException) { return HttpStatusCode.ServiceUnavailable; }
        catch (HttpRequestException) { return HttpStatusCode.ServiceUnavailable; }
    }
}
