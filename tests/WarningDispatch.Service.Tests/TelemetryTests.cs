using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using WarningDispatch.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace WarningDispatch.Service.Tests;

public class TelemetryTests : ServiceTest
{
    [Test]
    public async Task One_trace_runs_from_the_upstream_publish_through_ingest_routing_store_and_the_hub_push()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "WarningDispatch" or "MassTransit" or "upstream",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        using var upstream = new ActivitySource("upstream");
        await using var officer = await App.HubAsync("fs01a");

        ActivityTraceId traceId;
        using (var publish = upstream.StartActivity("upstream publish"))
        {
            traceId = publish!.TraceId;
            await App.PublishRawAsync(App.Instruction("GX-TRACE-1", phone: ServiceHost.SubjectPhone).ToJsonString());
        }
        var task = await officer.WaitForAsync(t => t.InstructionId == "GX-TRACE-1", "the push");
        await Eventually.Until(() => spans.Any(s => s.OperationName == "push"
            && (string?)s.GetTagItem("dispatch.task_id") == task.TaskId), "the push span");
        // A span is seen when it ends: the consume ("ingest") ends after its push, the outbox publish later still.
        string[] expected = ["ingest", "route", "store commit", "outbox publish", "push"];
        List<string> Trace() => spans.Where(s => s.TraceId == traceId).Select(s => s.OperationName).ToList();
        await Eventually.Until(() => expected.All(Trace().Contains) ? "all" : null, "every span of the trace ended");

        var trace = Trace();
        Assert.That(trace, Is.SupersetOf(expected), string.Join(", ", trace));
        Assert.That(spans.Where(s => s.Source.Name == "MassTransit" && s.TraceId == traceId).Count(),
            Is.GreaterThanOrEqualTo(2), "MassTransit's send and consume spans join the trace");
        Assert.That(spans.SelectMany(s => s.Tags).Select(t => t.Value), Has.None.Contains("13800000000"),
            "no phone number in any span");
    }

    [Test]
    public async Task Metrics_count_instructions_rejections_and_tasks_and_time_ingest_to_push()
    {
        var measurements = new ConcurrentQueue<(string Name, double Value)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "WarningDispatch") l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<long>((i, v, _, _) => measurements.Enqueue((i.Name, v)));
        listener.SetMeasurementEventCallback<double>((i, v, _, _) => measurements.Enqueue((i.Name, v)));
        listener.Start();
        await using var officer = await App.HubAsync("fs01a");

        await App.PostWarningAsync(App.Instruction("GX-METRIC-1").ToJsonString());
        var bad = App.Instruction("GX-METRIC-2");
        bad["riskLevel"] = "Extreme";
        await App.PostWarningAsync(bad.ToJsonString());
        await officer.WaitForAsync(t => t.InstructionId == "GX-METRIC-1", "the push");
        await Eventually.Until(() => measurements.Any(m => m.Name == "dispatch.push.latency"),
            "the ingest→push latency");

        double Sum(string name) => measurements.Where(m => m.Name == name).Sum(m => m.Value);
        Assert.That(Sum("dispatch.instructions.received"), Is.EqualTo(2));
        Assert.That(Sum("dispatch.instructions.rejected"), Is.EqualTo(1));
        Assert.That(Sum("dispatch.tasks.created"), Is.EqualTo(1));
        Assert.That(measurements.Count(m => m.Name == "dispatch.consoles.connected"), Is.GreaterThanOrEqualTo(1));
        await App.AdvanceAsync(TimeSpan.FromMinutes(5));
        // The background timer pump may be the one that fires it (FakeTimeProvider wakes its delay too): wait for it.
        await Eventually.Until(() => Sum("dispatch.escalations") >= 1, "the missed acknowledgement escalates");
        Assert.That(Sum("dispatch.escalations"), Is.EqualTo(1),
            "the missed acknowledgement (Medium: 5 min from issue)");

        await Eventually.Until(() =>
        {
            listener.RecordObservableInstruments();
            return measurements.Any(m => m.Name == "dispatch.tasks" && m.Value == 1);
        }, "the tasks-by-status gauge sampled after the clock moved 5 s");
    }

    [Test]
    public async Task Every_stage_of_an_instruction_is_timed_as_work_and_wait_and_a_rejection_stops_after_validation()
    {
        var stages = new ConcurrentQueue<(string Stage, string Part, double Ms)>();
        using var listener = ListenToStages(App, stages);
        await using var officer = await App.HubAsync("fs01a");

        await App.PublishRawAsync(App.Instruction("GX-STAGE-1").ToJsonString());
        await officer.WaitForAsync(t => t.InstructionId == "GX-STAGE-1", "the push");
        string[] all = ["receive", "validate", "case", "route", "commit", "push", "ack"];
        await Eventually.Until(() => all.All(s => stages.Any(m => m.Stage == s)) ? "all" : null, "every stage");

        var taskStages = stages.ToList();
        foreach (var stage in new[] { "validate", "case", "route", "commit", "push" })
            Assert.That(taskStages.Where(m => m.Stage == stage).Select(m => m.Part),
                Is.EquivalentTo(new[] { "work", "wait" }),
                $"{stage}: once as work and once as wait");
        foreach (var stage in new[] { "receive", "ack" })
            Assert.That(taskStages.Where(m => m.Stage == stage).Select(m => m.Part), Is.EquivalentTo(new[] { "wait" }),
                $"{stage}: a wait only");
        Assert.That(taskStages.Select(m => m.Ms), Has.All.GreaterThanOrEqualTo(0));
        if (OperatingSystem.IsLinux())
            Assert.That(taskStages.Single(m => m.Stage == "validate" && m.Part == "work").Ms, Is.GreaterThan(0),
                "parsing burns CPU, read from the thread's CPU clock");

        stages.Clear();
        // Readable as an instruction (so the consumer runs), broken by one rule.
        await App.PublishRawAsync(App.Instruction("GX-STAGE-2", phone: "12345").ToJsonString());
        await Eventually.Until(() => stages.Any(m => m.Stage == "ack") ? "acked" : null, "the rejection acknowledged");
        Assert.That(stages.Select(m => m.Stage).Distinct(), Is.EquivalentTo(new[] { "receive", "validate", "ack" }),
            "a rejected instruction is neither routed nor committed as a task");
    }

    [Test]
    public async Task Only_every_nth_pass_of_a_stage_reads_the_clocks_and_is_recorded()
    {
        await using var app = new DispatchApp(b => b.UseSetting("Telemetry:Stages:SampleEvery", "4"));
        await app.StartAsync();
        var stages = new ConcurrentQueue<(string Stage, string Part, double Ms)>();
        using var listener = ListenToStages(app, stages);

        for (var i = 1; i <= 8; i++)
            await app.PublishRawAsync(app.Instruction($"GX-SAMPLE-{i}").ToJsonString());
        await Eventually.Until(() => stages.Count(m => m.Stage == "ack") == 8 ? "acked" : null, "8 acknowledged");

        int Count(string stage, string part) => stages.Count(m => m.Stage == stage && m.Part == part);
        Assert.That((Count("validate", "work"), Count("validate", "wait")), Is.EqualTo((2, 2)),
            "passes 1 and 5 of 8 timed, each as work and wait");
        Assert.That(Count("commit", "work"), Is.EqualTo(2), "the commits of the first and the fifth");
        Assert.That(Count("receive", "wait"), Is.EqualTo(8), "the waits read from the broker's clock: every one");
    }

    static MeterListener ListenToStages(DispatchApp app, ConcurrentQueue<(string Stage, string Part, double Ms)> into)
    {
        var meter = app.Services.GetRequiredService<DispatchMetrics>().Meter;
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter == meter && instrument.Name == "dispatch.stage.duration")
                    l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<double>((_, v, tags, _) =>
        {
            var t = tags.ToArray().ToDictionary(k => k.Key, k => (string)k.Value!);
            into.Enqueue((t["stage"], t["part"], v));
        });
        listener.Start();
        return listener;
    }
}
