using System.Globalization;
using WarningDispatch.Contracts;
using WarningDispatch.Domain.Tasks;

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
    public RoutingDecision NextAfterMissedAck(WarningSubject subject, string? currentPostId,
        IReadOnlyCollection<string> triedPosts, IReadOnlyCollection<string> triedOfficers, IDutyRoster roster) =>
        Decide(subject, roster, triedPosts, triedOfficers, currentPostId);

    RoutingDecision Decide(WarningSubject subject, IDutyRoster roster, IReadOnlyCollection<string> triedPosts,
        IReadOnlyCollection<string> triedOfficers, string? currentPostId)
    {
        var notes = new List<StepReason>();
        OfficerLoad? Pick(PolicePost post) => PickOfficer(post, roster, triedOfficers);

        var current = posts.Find(currentPostId);
        if (current is not null)
        {
            if (Pick(current) is { } colleague)
                return Decision(current, colleague, At(ReasonCode.NextOfficerAtPost, current), notes);
            notes.Add(At(ReasonCode.NoOtherOfficerAtPost, current));
        }

        var jurisdiction = posts.ByRegionCode(subject.RegionCode);
        if (current is null && jurisdiction is not null)
        {
            if (Pick(jurisdiction) is { } officer)
                return Decision(jurisdiction, officer,
                    Reasons.Of(ReasonCode.JurisdictionPost, ("region", subject.RegionCode!)), notes);
            notes.Add(Reasons.Of(ReasonCode.JurisdictionPostNoneOnDuty));
        }
        else if (current is null && subject.RegionCode is not null)
        {
            notes.Add(Reasons.Of(ReasonCode.NoPostForRegion, ("region", subject.RegionCode!)));
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
                    Reasons.Of(ReasonCode.NearestPost, ("km", Reasons.Number(km, "0.0"))), notes);
            var range = Reasons.Number(options.MaxNearestKm, "0.###");
            notes.Add(Reasons.Of(ReasonCode.NoStationWithinRange, ("km", range)));
            anchor ??= posts.NearestStation(o.Lat, o.Lon, double.MaxValue, _ => true, out _);
        }

        if (anchor is not null)
        {
            foreach (var centre in posts.Ancestors(anchor))
            {
                if (Pick(centre) is { } officer)
                    return Decision(centre, officer, At(ReasonCode.UpHierarchy, centre), notes);
                notes.Add(At(ReasonCode.NobodyOnDutyAt, centre));
            }
        }

        var areaIds = anchor is not null ? posts.AreaIdsOf(anchor) : posts.RootIds;
        notes.Insert(0, Reasons.Of(ReasonCode.NoPostFits));
        return new RoutingDecision(null, null, areaIds, notes);
    }

    static StepReason At(ReasonCode code, PolicePost post) =>
        Reasons.Of(code, ("post", post.PostId), ("postName", post.Name));

    /// <summary>Why this post, then why this officer, then what was tried before.</summary>
    RoutingDecision Decision(PolicePost post, OfficerLoad officer, StepReason why, List<StepReason> notes)
    {
        var fewest = Reasons.Of(ReasonCode.FewestOpenTasks,
            ("officer", officer.OfficerId), ("openTasks", officer.OpenTasks.ToString(CultureInfo.InvariantCulture)));
        return new RoutingDecision(post.PostId, officer.OfficerId, posts.AreaIdsOf(post), [why, fewest, .. notes]);
    }

    /// <summary>
    /// The officer who already has another warning about the person, while still on duty at that post: one officer
    /// per person. Null when they are not, and the task is routed as any other.
    /// </summary>
    public RoutingDecision? ToCaseHolder(string postId, string officerId, IDutyRoster roster) =>
        posts.Find(postId) is { } post && roster.OnDutyAt(postId).Any(o => o.OfficerId == officerId)
            ? new RoutingDecision(post.PostId, officerId, posts.AreaIdsOf(post),
                [Reasons.Of(ReasonCode.CaseOfficer, ("officer", officerId), ("post", post.PostId),
                    ("postName", post.Name))])
            : null;

    /// <summary>The decision for a duty officer's manual assignment, with the same area rules.</summary>
    public RoutingDecision Manual(string postId, string officerId, string by) =>
        posts.Find(postId) is { } post
            ? new RoutingDecision(post.PostId, officerId, posts.AreaIdsOf(post),
                [Reasons.Of(ReasonCode.AssignedByDutyOfficer, ("user", by))])
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
