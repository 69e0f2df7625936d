using System.Net.Http.Json;
using System.Text.Json;
using WarningDispatch.Contracts;
using WarningDispatch.TestSupport;

namespace WarningDispatch.Infrastructure.Tests;

public class InteropTests : InfrastructureTest
{
    [Test]
    public async Task
        A_plain_amqp_client_publishes_1000_raw_instructions_and_gets_1000_assigned_tasks_and_their_feedback()
    {
        await StartServiceAsync("a");
        var feedback = await ListenToFeedbackAsync();
        var ids = Enumerable.Range(0, 1000).Select(i => $"RAW-{i:0000}").ToList();

        await Publisher().PublishAllAsync(ids.Select((id, i) => Instruction(id, spread: i)).ToList());

        await Eventually.Until(async () => await TaskCountAsync() == 1000 ? "all" : null, "1000 tasks", seconds: 60);
        var tasks = await TasksAsync();
        Assert.That(tasks.Select(t => t.InstructionId), Is.EquivalentTo(ids));
        Assert.That(tasks.Where(t => t.Status != DispatchStatus.Assigned || t.OfficerId is null)
            .Select(t => t.InstructionId), Is.Empty, "each assigned to an officer");
        await Eventually.Until(() => ids.All(id => feedback.ByInstruction()[id].Contains(FeedbackStatus.Assigned)),
            "Accepted and Assigned feedback for every instruction", seconds: 60);
        var byInstruction = feedback.ByInstruction();
        Assert.That(ids.Where(id => !byInstruction[id].Contains(FeedbackStatus.Accepted)), Is.Empty);
    }

    [Test]
    public async Task Malformed_and_invalid_messages_mixed_into_good_traffic_are_each_rejected_with_reasons_and_kept()
    {
        await StartServiceAsync("a");
        var feedback = await ListenToFeedbackAsync();
        string[] broken =
        [
            "not json at all",
            "[1,2,3]",
            """
            {"instructionId":"BAD-enum-{0}","source":"Police","kind":"Other","riskLevel":"High","issuedAt":"{1}",
            "subject":{"phone":"+8613800000000","regionCode":"451223"}}
            """,
            """
            {"instructionId":"BAD-phone-{0}","source":"Bank","kind":"Other","riskLevel":"High","issuedAt":"{1}",
            "subject":{"phone":"138","regionCode":"451223"}}
            """,
            """
            {"instructionId":"BAD-type-{0}","source":"Bank","kind":"Other","riskLevel":"High","issuedAt":"{1}",
            "subject":{"phone":"+8613800000000","location":{"lat":"north","lon":1}}}
            """,
            """
            {"instructionId":"BAD-offset-{0}","source":"Bank","kind":"Other","riskLevel":"High","issuedAt":"{2}",
            "subject":{"phone":"+8613800000000","regionCode":"451223"}}
            """,
            """
            {"instructionId":"BAD-where-{0}","source":"Bank","kind":"Other","riskLevel":"Low","issuedAt":"{1}",
            "subject":{"phone":"+8613800000000"}}
            """,
        ];
        var bodies = new List<string>();
        for (var i = 0; i < 1000; i++)
        {
            var issued = DateTimeOffset.UtcNow.AddMinutes(-1).ToOffset(TimeSpan.FromHours(8));
            bodies.Add(i % 10 == 3
                ? broken[i / 10 % broken.Length].Replace("{0}", i.ToString())
                    .Replace("{1}", issued.ToString("yyyy-MM-ddTHH:mm:sszzz"))
                    .Replace("{2}", issued.ToString("yyyy-MM-ddTHH:mm:ss"))
                : Instruction($"GOOD-{i:0000}", spread: i));
        }

        await Publisher().PublishAllAsync(bodies);

        await Eventually.Until(async () => await TaskCountAsync() == 900
                && await Redis.Db.SortedSetLengthAsync("wd:rejindex") == 100 ? "done" : null,
            "900 tasks and 100 kept rejections", seconds: 60);
        var rejected = await Eventually.Until(() => feedback.Events.Where(e => e.Status == FeedbackStatus.Rejected)
                .ToList() is { Count: 100 } r ? r : null,
            "100 Rejected feedback events", seconds: 30);
        Assert.That(rejected.All(r => r.Reasons is { Count: > 0 } && r.TaskId is null), Is.True,
            "each with its reasons");
        Assert.That(rejected.Where(r => r.InstructionId.StartsWith("BAD-enum")).SelectMany(r => r.Reasons!),
            Has.All.StartWith("source:"));
        Assert.That(rejected.Where(r => r.InstructionId.StartsWith("BAD-type")).SelectMany(r => r.Reasons!),
            Has.Some.StartWith("subject.location.lat:"));
        Assert.That(rejected.Where(r => r.InstructionId == "").SelectMany(r => r.Reasons!), Has.All.StartWith("$:"),
            "bodies that are not a JSON object");
        Assert.That((await TasksAsync()).Select(t => t.InstructionId), Has.All.StartWith("GOOD-"));
    }

    [Test]
    public async Task Operators_see_why_an_instruction_failed_in_the_error_queue_and_replay_it()
    {
        var service = await StartServiceAsync("a");
        await using (var connection = await new RabbitMQ.Client.ConnectionFactory { Uri = new Uri(RabbitUri) }
            .CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync(
            new RabbitMQ.Client.CreateChannelOptions(true, true)))
        {
            // What MassTransit leaves after the retries are spent: the original body and the fault in headers.
            await channel.QueueDeclareAsync("warning-dispatch.instructions_error", durable: true, exclusive: false,
                autoDelete: false);
            var props = new RabbitMQ.Client.BasicProperties
            {
                ContentType = "application/json", DeliveryMode = RabbitMQ.Client.DeliveryModes.Persistent,
                MessageId = "m-1",
                Headers = new Dictionary<string, object?>
                {
                    ["MT-Reason"] = "fault", ["MT-Fault-Message"] = "store script failed",
                    ["MT-Fault-ExceptionType"] = "System.InvalidOperationException"
                },
            };
            await channel.BasicPublishAsync("", "warning-dispatch.instructions_error", false, props,
                System.Text.Encoding.UTF8.GetBytes(Instruction("DEAD-1")));
        }
        using var duty = await service.ClientAsync("duty");

        var letters = await duty.GetFromJsonAsync<List<JsonElement>>("/api/operations/error-queue");
        Assert.That(letters!.Single().GetProperty("reason").GetString(), Is.EqualTo("store script failed"));
        Assert.That(letters.Single().GetProperty("body").GetString(), Does.Contain("DEAD-1"));
        Assert.That(await ErrorQueueDepthAsync(), Is.EqualTo(1), "looking does not take it");

        var replay = await duty.PostAsync("/api/operations/error-queue/replay", null);
        Assert.That((await replay.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("replayed").GetInt32(),
            Is.EqualTo(1));
        await Eventually.Until(async () => (await TasksAsync()).Any(t => t.InstructionId == "DEAD-1") ? "" : null,
            "the replayed instruction's task");
        Assert.That(await ErrorQueueDepthAsync(), Is.Zero);
    }

    [Test]
    public async Task The_error_queue_answers_empty_before_it_exists_and_only_the_city_reads_it_masked()
    {
        var service = await StartServiceAsync("a");
        using var city = await service.ClientAsync("duty");
        using var county = await service.ClientAsync("duty.fs");

        Assert.That(await city.GetFromJsonAsync<List<JsonElement>>("/api/operations/error-queue"), Is.Empty);
        var none = await city.PostAsync("/api/operations/error-queue/replay", null);
        Assert.That((await none.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("replayed").GetInt32(), Is.Zero);

        await using (var connection = await new RabbitMQ.Client.ConnectionFactory { Uri = new Uri(RabbitUri) }
            .CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
        {
            await channel.QueueDeclareAsync("warning-dispatch.instructions_error", durable: true, exclusive: false,
                autoDelete: false);
            var props = new RabbitMQ.Client.BasicProperties { ContentType = "application/json", MessageId = "m-2" };
            await channel.BasicPublishAsync("", "warning-dispatch.instructions_error", false, props,
                System.Text.Encoding.UTF8.GetBytes(Instruction("DEAD-2")));
        }
        await Eventually.Until(async () => await ErrorQueueDepthAsync() == 1 ? "" : null, "one dead letter");

        var letter = (await city.GetFromJsonAsync<List<JsonElement>>("/api/operations/error-queue"))!.Single();
        Assert.That(letter.GetProperty("body").GetString(), Does.Contain("DEAD-2")
            .And.Not.Contain(ServiceHost.PhoneFor("DEAD-2")[1..]));
        Assert.That((await county.GetAsync("/api/operations/error-queue")).StatusCode,
            Is.EqualTo(System.Net.HttpStatusCode.Forbidden));
        Assert.That((await county.PostAsync("/api/operations/error-queue/replay", null)).StatusCode,
            Is.EqualTo(System.Net.HttpStatusCode.Forbidden));
        Assert.That(await ErrorQueueDepthAsync(), Is.EqualTo(1), "a refused replay takes nothing");
    }
}
