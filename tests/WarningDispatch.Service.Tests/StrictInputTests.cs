using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using WarningDispatch.Contracts;

namespace WarningDispatch.Service.Tests;

/// <summary>Task actions take exactly what the interface names: no numbers for enums, no strings for numbers.</summary>
public class StrictInputTests : ServiceTest
{
    async Task<(string TaskId, HttpClient Officer)> AcknowledgedAsync(string instructionId)
    {
        var response = await App.PostWarningAsync(App.Instruction(instructionId).ToJsonString());
        var taskId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("taskId").GetString()!;
        var officer = await App.ClientAsync("fs01a");
        await EndToEndTests.Act(officer, $"/api/tasks/{taskId}/acknowledge", new { actionId = "ack" });
        return (taskId, officer);
    }

    static async Task<JsonElement> BadRequestAsync(HttpResponseMessage response, string field)
    {
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest),
            await response.Content.ReadAsStringAsync());
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(problem.GetProperty("errors").TryGetProperty(field, out var reasons), Is.True, problem.ToString());
        return reasons;
    }

    async Task AssertUnchangedAsync(string taskId)
    {
        var duty = await App.ClientAsync("duty");
        var task = await duty.GetFromJsonAsync<TaskSnapshot>($"/api/tasks/{taskId}", DispatchApp.Json);
        Assert.That((task!.Status, task.Version), Is.EqualTo((DispatchStatus.PhoneWarning, 2)));
    }

    [TestCase("0")]
    [TestCase("Busy,NoAnswer")]
    [TestCase("busy")]
    [TestCase(" Busy")]
    [TestCase("Busy ")]
    public async Task A_call_result_must_be_exactly_a_declared_name(string result)
    {
        var (taskId, officer) = await AcknowledgedAsync("GX-STRICT-1");

        var response = await officer.PostAsJsonAsync($"/api/tasks/{taskId}/call-result",
            new { actionId = "c", result });

        var reasons = await BadRequestAsync(response, "result");
        Assert.That(reasons[0].GetString(), Does.Contain("ReachedAndDissuaded, Busy, NoAnswer"));
        await AssertUnchangedAsync(taskId);
    }

    [Test]
    public async Task A_call_result_as_a_json_number_is_refused_naming_the_field()
    {
        var (taskId, officer) = await AcknowledgedAsync("GX-STRICT-2");

        var response = await officer.PostAsJsonAsync($"/api/tasks/{taskId}/call-result",
            new { actionId = "c", result = 0 });

        await BadRequestAsync(response, "result");
        await AssertUnchangedAsync(taskId);
    }

    [Test]
    public async Task An_amount_given_as_a_string_is_refused_naming_amount()
    {
        var (taskId, officer) = await AcknowledgedAsync("GX-STRICT-3");

        var response = await officer.PostAsJsonAsync($"/api/tasks/{taskId}/outcome",
            new { actionId = "o", outcome = "FundsProtected", amount = "100" });

        var reasons = await BadRequestAsync(response, "amount");
        Assert.That(reasons[0].GetString(), Does.Contain("(amount must be a JSON number)"));
        await AssertUnchangedAsync(taskId);
    }

    [TestCase("-1")]
    [TestCase("1e400")]
    [TestCase("true")]
    public async Task An_amount_that_is_not_a_usable_number_is_refused_naming_amount(string amount)
    {
        var (taskId, officer) = await AcknowledgedAsync("GX-STRICT-7");
        var body = $"{{\"actionId\": \"o\", \"outcome\": \"FundsProtected\", \"amount\": {amount}}}";

        var response = await officer.PostAsync($"/api/tasks/{taskId}/outcome",
            new StringContent(body, Encoding.UTF8, "application/json"));

        await BadRequestAsync(response, "amount");
        await AssertUnchangedAsync(taskId);
    }

    [TestCase("Dissuaded")]
    [TestCase("PersonNotFound")]
    [TestCase("FalseAlarm")]
    public async Task An_outcome_without_money_refuses_an_amount(string outcome)
    {
        var (taskId, officer) = await AcknowledgedAsync("GX-STRICT-4");

        var response = await officer.PostAsJsonAsync($"/api/tasks/{taskId}/outcome",
            new { actionId = "o", outcome, amount = 100 });

        var reasons = await BadRequestAsync(response, "amount");
        Assert.That(reasons[0].GetString(), Does.Contain("amount only with FundsProtected or AlreadyDefrauded"));
        await AssertUnchangedAsync(taskId);
    }

    [Test]
    public async Task An_outcome_in_the_wrong_case_is_refused()
    {
        var (taskId, officer) = await AcknowledgedAsync("GX-STRICT-5");

        var response = await officer.PostAsJsonAsync($"/api/tasks/{taskId}/outcome",
            new { actionId = "o", outcome = "dissuaded" });

        await BadRequestAsync(response, "outcome");
        await AssertUnchangedAsync(taskId);
    }

    [TestCase("acknowledge", "{\"actionId\": ")]
    [TestCase("outcome", "not json")]
    [TestCase("call-result", "[1, 2]")]
    [TestCase("assign", "")]
    public async Task A_malformed_body_gets_400_problem_json_not_500(string action, string body)
    {
        var (taskId, _) = await AcknowledgedAsync("GX-STRICT-6");
        var duty = await App.ClientAsync("duty.fs");

        var response = await duty.PostAsync($"/api/tasks/{taskId}/{action}",
            new StringContent(body, Encoding.UTF8, "application/json"));

        await BadRequestAsync(response, "$");
        await AssertUnchangedAsync(taskId);
    }

    [Test]
    public async Task A_duty_status_given_as_a_string_is_refused_naming_onDuty()
    {
        var me = await App.ClientAsync("fs01a");

        var response = await me.PostAsJsonAsync("/api/officers/FS01A/duty", new { onDuty = "false" });

        await BadRequestAsync(response, "onDuty");
    }
}
