using WarningDispatch.TestSupport;

namespace WarningDispatch.Infrastructure.Tests;

/// <summary>Warnings about one person arriving at once at two instances on real RabbitMQ and Redis.</summary>
public class CaseLinkingTests : InfrastructureTest
{
    [Test]
    public async Task Three_sources_about_one_person_at_two_instances_make_one_case_with_one_officer()
    {
        await StartServiceAsync("a");
        await StartServiceAsync("b");
        string[] sources = ["NationalCenter", "Bank", "Telecom"];
        const int people = 30;
        // Published interleaved over eight channels: the three warnings about each person arrive within moments and
        // the two instances' consumers take them in competition.
        var bodies = Enumerable.Range(0, people)
            .SelectMany(p => sources.Select((source, i) =>
                Instruction($"CASE-{p:00}-{i}", spread: 0, phone: $"+86136{p:D8}", source: source)))
            .ToList();
        await Publisher().PublishAllAsync(bodies);

        await Eventually.Until(async () => await TaskCountAsync() == bodies.Count ? "all" : null,
            "every instruction a task", seconds: 60);
        var tasks = await TasksAsync();
        foreach (var person in tasks.GroupBy(t => t.InstructionId[..7]))
        {
            Assert.That(person.Select(t => t.CaseId).Distinct().ToList(), Has.Count.EqualTo(1).And.None.Null,
                $"{person.Key}: one case");
            Assert.That(person.Select(t => t.OfficerId).Distinct().ToList(), Has.Count.EqualTo(1).And.None.Null,
                $"{person.Key}: one officer");
        }
        Assert.That(tasks.Select(t => t.CaseId).Distinct().Count(), Is.EqualTo(people));
        Report($"{people} people × 3 sources on two instances: {people} cases");

        await Eventually.Until(async () => (await TasksAsync()).All(t => t.CaseWarnings.Count == 3) ? "all" : null,
            "every task learns of the other two warnings", seconds: 30);
    }
}
