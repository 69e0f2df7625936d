using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using WarningDispatch.Contracts;
using WarningDispatch.TestSupport;

namespace WarningDispatch.Service.Tests;

/// <summary>
/// The bad-input corpus over HTTP and over the in-process bus: every body is answered with a reason naming its field,
/// kept where a duty officer can read it, answered Rejected upstream — and the service still takes good instructions.
/// One service for the whole corpus, as in production: what one bad body leaves behind must not break the next.
/// </summary>
[NonParallelizable]
public class HostileInputTests
{
    static readonly IReadOnlyList<BadInput> Corpus = BadInputCorpus.Cases(DispatchApp.Start);
    DispatchApp _app = null!;
    HttpClient _duty = null!;

    static IEnumerable<BadInput> Cases() => Corpus;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = new DispatchApp();
        await _app.StartAsync();
        _duty = await _app.ClientAsync("duty");
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _app.DisposeAsync();

    [Test]
    public void The_corpus_holds_at_least_100_distinct_bodies() =>
        Assert.That(Corpus.Select(c => Convert.ToBase64String(c.Body)).Distinct().Count(),
            Is.GreaterThanOrEqualTo(100));

    [TestCaseSource(nameof(Cases))]
    public async Task Over_http_a_bad_body_is_answered_naming_its_field_kept_and_answered_rejected(BadInput bad)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/warnings")
            { Content = new ByteArrayContent(bad.Body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Api-Key", DispatchApp.ApiKey);

        var response = await _app.CreateClient().SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(bad.Body.Length > 64 * 1024 ? HttpStatusCode.RequestEntityTooLarge
            : HttpStatusCode.BadRequest));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.That(fields, Is.EqualTo(new[] { bad.Field }));
        var rejectionId = problem.GetProperty("rejectionId").GetString()!;
        var kept = await _duty.GetFromJsonAsync<JsonElement>($"/api/rejections/{rejectionId}");
        Assert.That(kept.GetProperty("errors")[0].GetProperty("field").GetString(), Is.EqualTo(bad.Field));
        Assert.That(kept.GetProperty("body").GetString()!.Length, Is.LessThanOrEqualTo(64 * 1024));
        var feedback = await Eventually.Until(() => _app.Feedback.FirstOrDefault(f => f.RejectionId == rejectionId),
            "Rejected feedback for the kept body");
        Assert.That(feedback.Status, Is.EqualTo(FeedbackStatus.Rejected));
        Assert.That(feedback.Reasons!.Single(), Does.StartWith(bad.Field + ":"));
    }

    [Test]
    public async Task Over_the_bus_every_bad_body_is_kept_once_answered_rejected_and_a_good_instruction_still_flows()
    {
        foreach (var bad in Corpus)
        {
            var before = _app.Feedback.Count(f => f.Status == FeedbackStatus.Rejected);
            await _app.PublishRawAsync(bad.Body);
            var rejected = await Eventually.Until(() =>
                _app.Feedback.Where(f => f.Status == FeedbackStatus.Rejected).Skip(before).FirstOrDefault(), bad.Name);
            Assert.That(rejected.Reasons!.Single(), Does.StartWith(bad.Field + ":"), bad.Name);
        }

        var good = _app.Instruction("GOOD-AFTER-CORPUS");
        await _app.PublishRawAsync(System.Text.Encoding.UTF8.GetBytes(good.ToJsonString()));
        var accepted = await Eventually.Until(() => _app.FeedbackFor("GOOD-AFTER-CORPUS")
            .FirstOrDefault(f => f.Status == FeedbackStatus.Assigned), "the good instruction assigned");
        Assert.That(accepted.OfficerId, Is.Not.Null);
        var ready = await _app.CreateClient().GetAsync("/health/ready");
        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
