using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using WarningDispatch.Contracts;
using WarningDispatch.Service.FraudReports;
using WarningDispatch.Service.Ingest;
using WarningDispatch.TestSupport;

namespace WarningDispatch.Service.Tests;

/// <summary>
/// Every body of the bad fraud report corpus, over HTTP and over the bus: answered with exactly its field, kept once
/// where an operator sees it, answered upstream as Rejected, and nobody marked defrauded.
/// </summary>
public class FraudReportHostileInputTests : ServiceTest
{
    static IEnumerable<BadInput> Corpus() => BadFraudReportCorpus.Cases(DispatchApp.Start);

    [TestCaseSource(nameof(Corpus))]
    public async Task A_bad_report_over_http_is_400_naming_its_field_and_kept(BadInput bad)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/fraud-reports")
        {
            Content = new ByteArrayContent(bad.Body) { Headers = { ContentType = new("application/json") } },
        };
        request.Headers.Add("X-Api-Key", DispatchApp.ApiKey);

        var response = await App.NewClient().SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), bad.Name);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.That(fields, Is.EqualTo(new[] { bad.Field }), bad.Name);
        var kept = await App.Services.GetRequiredService<IRejectionStore>()
            .GetAsync(problem.GetProperty("rejectionId").GetString()!, default);
        Assert.That(kept?.Channel, Is.EqualTo(FraudReportIntake.Channel), bad.Name);
    }

    [Test]
    public async Task The_whole_corpus_over_the_bus_is_kept_once_each_with_its_field_and_marks_nobody()
    {
        var corpus = Corpus().ToList();
        var taskId = await App.PostWarningAsync(App.Instruction("GX-FR-HOSTILE", phone: "+8613800000000")
            .ToJsonString());
        var bus = App.Services.GetRequiredService<IBus>();

        foreach (var bad in corpus) await bus.PublishRawFraudReport(bad.Body);

        var store = App.Services.GetRequiredService<IRejectionStore>();
        var kept = await Eventually.Until(async () =>
        {
            var list = await store.ListAsync(null, 500, r => r.Channel == FraudReportIntake.Channel, default);
            return list.Count >= corpus.Count ? list : null;
        }, $"all {corpus.Count} bad reports kept", seconds: 30);
        Assert.That(kept, Has.Count.EqualTo(corpus.Count), "each kept once");
        Assert.That(kept.Select(k => k.Errors.Select(e => e.Field).Distinct().Single()).Order(),
            Is.EqualTo(corpus.Select(c => c.Field).Order()), "each names exactly its field");
        await Eventually.Until(() => App.Feedback.Count(f => f.Status == FeedbackStatus.Rejected
            && f.InstructionId == "") >= corpus.Count ? "all" : null, "a Rejected feedback for each");
        Assert.That(App.Feedback.Where(f => f.Status == FeedbackStatus.DefraudedAfterWarning), Is.Empty,
            "nobody marked defrauded");
        Assert.That(taskId.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
    }
}
