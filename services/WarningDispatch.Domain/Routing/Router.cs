using System.Globalization;
using WarningDispatch.Contracts;

namespace WarningDispatch.Domain.Routing;

/// <summary>
/// Chooses the post and officer for a task: jurisdiction first, then the nearest station with an officer on
/// duty, then up the hierarchy (county centre, city centre). Inside a post, the on-duty officer with the
/// fewest open tasks. Every decision carries its reason in words a duty officer can check.
/// </summary>
public sealed class Router(PostRegistry posts, RoutingOptions options)
{
    public PostRegistry Posts => posts;

    public RoutingDecision Route(WarningSubject subject, IDutyRoster roster) =>
        Decide(subject, roster, triedPosts: [], triedOfficers: [], currentPostId: null);

    /// <summary>
    /// The next rung after an officer missed the acknowledgement deadline: another on-duty officer at the same
    /// post, then the nearest other station, then the county centre and above. Officers and posts already
    /// tried are skipped.
    /// </summary>
    public RoutingDecision NextAfterMissedAck(WarningSubject subject, string? currentPostId, IReadOnlyCollection<string> triedPosts, IReadOnlyCollection<string> triedOfficers, IDutyRoster roster) =>
        Decide(subject, roster, triedPosts, triedOfficers, currentPostId);

    RoutingDecision Decide(WarningSubject subject, IDutyRoster roster, IReadOnlyCollection<string> triedPosts, IReadOnlyCollection<string> triedOfficers, string? currentPostId)
    {
        var notes = new List<string>();
        OfficerLoad? Pick(PolicePost post) => PickOfficer(post, roster, triedOfficers);

        var current = posts.Find(currentPostId);
        if (current is not null)
        {
            if (Pick(current) is { } colleague)
                return Decision(current, colleague, $"next on-duty officer at {current.Name}", notes);
            notes.Add($"no other officer on duty at {current.Name}");
        }

        var jurisdiction = posts.ByRegionCode(subject.RegionCode);
        if (current is null && jurisdiction is not null)
        {
            if (Pick(jurisdiction) is { } officer)
                return Decision(jurisdiction, officer, $"jurisdiction post for region {subject.RegionCode}", notes);
            notes.Add("jurisdiction post had none on duty");
        }
        else if (current is null && subject.RegionCode is not null)
        {
            notes.Add($"no post covers region {subject.RegionCode}");
        }

        var origin = subject.Location is { } loc ? (loc.Lat, loc.Lon)
            : current is not null ? (current.Lat, current.Lon)
            : jurisdiction is not null ? (jurisdiction.Lat, jurisdiction.Lon)
            : ((double Lat, double Lon)?)null;

        PolicePost? anchor = current ?? jurisdiction;
        if (origin is { } o)
        {
            var nearest = posts.NearestStation(o.Lat, o.Lon, options.MaxNearestKm,
                p => !triedPosts.Contains(p.PostId) && p.PostId != current?.PostId && Pick(p) is not null, out var km);
            if (nearest is not null)
                return Decision(nearest, Pick(nearest)!.Value,
                    $"nearest post with officers on duty, {km.ToString("0.0", CultureInfo.InvariantCulture)} km", notes);
            notes.Add($"no station with officers on duty within {options.MaxNearestKm.ToString(CultureInfo.InvariantCulture)} km");
            anchor ??= posts.NearestStation(o.Lat, o.Lon, double.MaxValue, _ => true, out _);
        }

        if (anchor is not null)
        {
            foreach (var centre in posts.Ancestors(anchor))
            {
                if (Pick(centre) is { } officer)
                    return Decision(centre, officer, $"escalated up the hierarchy to {centre.Name}", notes);
                notes.Add($"nobody on duty at {centre.Name}");
            }
        }

        var areaIds = anchor is not null ? posts.AreaIdsOf(anchor) : posts.RootIds;
        notes.Insert(0, "no post or officer fits; waiting for a duty officer to assign it");
        return new RoutingDecision(null, null, areaIds, string.Join("; ", notes));
    }

    RoutingDecision Decision(PolicePost post, OfficerLoad officer, string why, List<string> notes)
    {
        var reason = $"{why}; officer {officer.OfficerId} has the fewest open tasks ({officer.OpenTasks})";
        if (notes.Count > 0) reason += "; " + string.Join("; ", notes);
        return new RoutingDecision(post.PostId, officer.OfficerId, posts.AreaIdsOf(post), reason);
    }

    /// <summary>The decision for a duty officer's manual assignment, with the same area rules.</summary>
    public RoutingDecision Manual(string postId, string officerId, string by) =>
        posts.Find(postId) is { } post
            ? new RoutingDecision(post.PostId, officerId, posts.AreaIdsOf(post), $"assigned by duty officer {by}")
            : throw new ArgumentException($"Unknown post {postId}.", nameof(postId));

    static OfficerLoad? PickOfficer(PolicePost post, IDutyRoster roster, IReadOnlyCollection<string> triedOfficers)
    {
        OfficerLoad? best = null;
        foreach (var o in roster.OnDutyAt(post.PostId))
        {
            if (triedOfficers.Contains(o.OfficerId)) continue;
            if (best is null || o.OpenTasks < best.Value.OpenTasks ||
                (o.OpenTasks == best.Value.OpenTasks && string.CompareOrdinal(o.OfficerId, best.Value.OfficerId) < 0))
                best = o;
        }
        return best;
    }
}

public sealed record RoutingOptions
{
    /// <summary>How far the nearest-station search looks before going up the hierarchy.</summary>
    public double MaxNearestKm { get; init; } = 60;
}
