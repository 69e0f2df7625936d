using WarningDispatch.TestSupport;
using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using WarningDispatch.Domain.Routing;
using WarningDispatch.Service.Identity;
using WarningDispatch.Service.Ingest;

namespace WarningDispatch.Service.Tests;

/// <summary>
/// Who reaches the error queue and what they see of a body. The RabbitMQ path itself (an empty list before the queue
/// exists, peek and replay) is for the infrastructure tests.
/// </summary>
public class ErrorQueueAccessTests : ServiceTest
{
    static async Task AssertForbiddenAsync(HttpResponseMessage response)
    {
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(),
            Does.StartWith("错误队列仅对全市值班员开放"));
    }

    [Test]
    public async Task Only_duty_officers_of_the_whole_region_reach_the_error_queue()
    {
        var county = await App.ClientAsync("duty.fs");
        await AssertForbiddenAsync(await county.GetAsync("/api/operations/error-queue"));
        await AssertForbiddenAsync(await county.PostAsync("/api/operations/error-queue/replay", null));
        Assert.That((await (await App.ClientAsync("duty")).GetAsync("/api/operations/error-queue")).StatusCode,
            Is.EqualTo(HttpStatusCode.NotFound), "allowed, but the embedded bus keeps no error queue");
    }

    static ClaimsPrincipal DutyOfficer(string areaId, bool personalData = false)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, "u"), new(ClaimTypes.Role, Roles.DutyOfficer),
            new(DispatchClaims.AreaId, areaId),
        };
        if (personalData) claims.Add(new(DispatchClaims.PersonalData, "true"));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
    }

    [Test]
    public void The_error_queue_decision_is_the_area_and_the_personal_data_claim()
    {
        var posts = App.Services.GetRequiredService<PostRegistry>();
        Assert.That(ErrorQueueEndpoints.Refusal(DutyOfficer("HC"), posts), Is.Null);
        Assert.That(ErrorQueueEndpoints.Refusal(DutyOfficer("HC-FS"), posts), Is.InstanceOf<IStatusCodeHttpResult>()
            .With.Property(nameof(IStatusCodeHttpResult.StatusCode)).EqualTo(403));

        var body = App.Instruction("GX-DEAD-1", phone: ServiceHost.SubjectPhone).ToJsonString();
        var letter = new DeadLetter("m-1", "store script failed", "System.InvalidOperationException", null,
            "application/json", body);
        var masked = ErrorQueueEndpoints.ForViewer(letter, DutyOfficer("HC")).Body;
        Assert.That(masked, Does.Contain("GX-DEAD-1").And.Not.Contain("+8613800000000").And.Not.Contain("罗某某")
            .And.Not.Contain("凤城路"));
        Assert.That(ErrorQueueEndpoints.ForViewer(letter, DutyOfficer("HC", personalData: true)).Body,
            Is.EqualTo(body));
    }
}
