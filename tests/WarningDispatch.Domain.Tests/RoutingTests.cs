using WarningDispatch.Contracts;
using WarningDispatch.Domain.Routing;
using static WarningDispatch.Domain.Tests.TestRegion;

namespace WarningDispatch.Domain.Tests;

public class RoutingTests
{
    [Test]
    public void Jurisdiction_post_takes_the_task_and_its_least_loaded_on_duty_officer()
    {
        var roster = new FakeRoster().OnDuty("S1", "A", openTasks: 3).OnDuty("S1", "B", openTasks: 1)
            .OnDuty("S2", "C", openTasks: 0);

        var decision = Router().Route(Instruction().Subject, roster);

        Assert.That(decision.PostId, Is.EqualTo("S1"));
        Assert.That(decision.OfficerId, Is.EqualTo("B"));
        Assert.That(decision.Reason, Does.Contain("jurisdiction post for region 451223")
            .And.Contain("fewest open tasks (1)"));
        Assert.That(decision.AreaIds, Is.EqualTo(new[] { "K1", "C" }));
    }

    [Test]
    public void Jurisdiction_post_with_nobody_on_duty_goes_to_the_nearest_post_with_officers_on_duty()
    {
        var roster = new FakeRoster().OnDuty("S2", "C").OnDuty("S3", "D");

        var decision = Router().Route(Instruction(location: new GeoPoint { Lat = 24.546, Lon = 107.042 }).Subject,
            roster);

        Assert.That(decision.PostId, Is.EqualTo("S2"));
        Assert.That(decision.Reason, Does.Match(@"nearest post with officers on duty, 4\.\d km")
            .And.Contain("jurisdiction post had none on duty"));
    }

    [Test]
    public void Without_a_location_the_nearest_search_starts_at_the_jurisdiction_post()
    {
        var decision = Router().Route(Instruction(regionCode: "451223").Subject,
            new FakeRoster().OnDuty("S3", "D").OnDuty("S2", "C"));

        Assert.That(decision.PostId, Is.EqualTo("S2"), "S2 is 4 km from S1, S3 is 20 km");
    }

    [Test]
    public void Location_only_goes_to_the_nearest_station_with_officers_on_duty()
    {
        var nearS3 = new GeoPoint { Lat = 24.72, Lon = 107.04 };
        var decision = Router().Route(Instruction(regionCode: null, location: nearS3).Subject,
            new FakeRoster().OnDuty("S1", "A").OnDuty("S3", "D"));

        Assert.That(decision.PostId, Is.EqualTo("S3"));
        Assert.That(decision.Reason, Does.Contain("nearest post"));
    }

    [Test]
    public void Off_duty_officers_are_never_chosen_even_when_they_have_no_tasks()
    {
        var roster = new FakeRoster().OnDuty("S1", "Idle").OnDuty("S1", "Busy", openTasks: 9).OffDuty("Idle");

        var decision = Router().Route(Instruction().Subject, roster);

        Assert.That(decision.OfficerId, Is.EqualTo("Busy"));
    }

    [Test]
    public void Nobody_on_duty_at_any_station_in_reach_goes_up_to_the_county_centre()
    {
        var roster = new FakeRoster().OnDuty("K1", "K1-duty").OnDuty("S4", "far-away");

        var decision = Router(maxKm: 60).Route(Instruction().Subject, roster);

        Assert.That(decision.PostId, Is.EqualTo("K1"));
        Assert.That(decision.Reason, Does.Contain("escalated up the hierarchy to County centre 1")
            .And.Contain("no station with officers on duty within 60 km"));
        Assert.That(decision.AreaIds, Is.EqualTo(new[] { "K1", "C" }));
    }

    [Test]
    public void County_centre_with_nobody_on_duty_goes_up_to_the_city_centre()
    {
        var decision = Router().Route(Instruction().Subject, new FakeRoster().OnDuty("C", "city-duty"));

        Assert.That(decision.PostId, Is.EqualTo("C"));
        Assert.That(decision.Reason, Does.Contain("nobody on duty at County centre 1"));
    }

    [Test]
    public void Nothing_fits_leaves_the_task_unrouted_for_the_duty_officers_of_its_area()
    {
        var decision = Router().Route(Instruction().Subject, new FakeRoster());

        Assert.That(decision.IsRouted, Is.False);
        Assert.That(decision.PostId, Is.Null);
        Assert.That(decision.AreaIds, Is.EqualTo(new[] { "K1", "C" }));
        Assert.That(decision.Reason, Does.StartWith("no post or officer fits"));
    }

    [Test]
    public void Unknown_region_code_without_location_is_unrouted_and_visible_to_the_city()
    {
        var decision = Router().Route(Instruction(regionCode: "110101").Subject, new FakeRoster().OnDuty("S1", "A"));

        Assert.That(decision.IsRouted, Is.False);
        Assert.That(decision.AreaIds, Is.EqualTo(new[] { "C" }));
        Assert.That(decision.Reason, Does.Contain("no post covers region 110101"));
    }

    [Test]
    public void After_a_missed_acknowledgement_the_ladder_is_colleague_then_nearest_other_post_then_county_centre()
    {
        var router = Router();
        var roster = new FakeRoster().OnDuty("S1", "A").OnDuty("S1", "B").OnDuty("S2", "C").OnDuty("K1", "K");
        var subject = Instruction().Subject;

        var colleague = router.NextAfterMissedAck(subject, "S1", ["S1"], ["A"], roster);
        Assert.That((colleague.PostId, colleague.OfficerId), Is.EqualTo(("S1", "B")));
        Assert.That(colleague.Reason, Does.Contain("next on-duty officer at Station 1"));

        var nextPost = router.NextAfterMissedAck(subject, "S1", ["S1"], ["A", "B"], roster);
        Assert.That((nextPost.PostId, nextPost.OfficerId), Is.EqualTo(("S2", "C")));
        Assert.That(nextPost.Reason, Does.Contain("nearest post with officers on duty")
            .And.Contain("no other officer on duty at Station 1"));

        var county = router.NextAfterMissedAck(subject, "S2", ["S1", "S2"], ["A", "B", "C"], roster);
        Assert.That((county.PostId, county.OfficerId), Is.EqualTo(("K1", "K")));

        var exhausted = router.NextAfterMissedAck(subject, "K1", ["S1", "S2", "K1"], ["A", "B", "C", "K"], roster);
        Assert.That(exhausted.IsRouted, Is.False);
    }

    [Test]
    public void Kd_tree_agrees_with_a_linear_scan_over_a_national_registry()
    {
        var random = new Random(42);
        var points = Enumerable.Range(0, 40_000)
            .Select(_ => (18 + random.NextDouble() * 35, 74 + random.NextDouble() * 60)).ToList();
        var index = new NearestPostIndex(points);
        var open = Enumerable.Range(0, points.Count).Select(_ => random.NextDouble() < 0.3).ToArray();

        for (var q = 0; q < 500; q++)
        {
            var (lat, lon) = (18 + random.NextDouble() * 35, 74 + random.NextDouble() * 60);
            var maxKm = q % 3 == 0 ? 20 : 300;
            var fast = index.FindNearest(lat, lon, maxKm, i => open[i], out var fastKm);
            var slow = NearestPostIndex.FindNearestByScan(points, lat, lon, maxKm, i => open[i], out var slowKm);
            Assert.That(fast, Is.EqualTo(slow), $"query {q} at {lat},{lon}");
            if (fast >= 0) Assert.That(fastKm, Is.EqualTo(slowKm).Within(1e-6));
        }
    }

    [Test]
    public void Registry_rejects_a_region_code_covered_twice()
    {
        Assert.That(() => new PostRegistry([S1, S1 with { PostId = "S9" }]),
            Throws.ArgumentException.With.Message.Contains("451223"));
    }
}
