using WarningDispatch.Domain.Routing;
using WarningDispatch.Service.Ingest;

namespace WarningDispatch.Service.Reports;

/// <summary>
/// Rejected instructions are counted per local day and area as they are kept (the store writes the counter with the
/// rejection): under each area of the person when the body named one, else under <see cref="NoArea"/>. A report of
/// an area counts its own; a top-level centre also those of no area, as the list of rejections shows it.
/// </summary>
public static class RejectedCounts
{
    public const string NoArea = "-";

    /// <summary>Instructions rejected on arrival; an update's rejection or a replay's is not a new instruction.
    /// </summary>
    static readonly string[] Counted = ["http", "amqp"];

    /// <summary>Where a rejection is counted; none when it is not an instruction rejected on arrival.</summary>
    public static IReadOnlyList<string> FieldsOf(RejectionSummary rejection) =>
        !Counted.Contains(rejection.Channel) ? []
        : rejection.AreaIds.Count == 0 ? [NoArea]
        : rejection.AreaIds;

    /// <summary>What a report of <paramref name="areaId"/> adds up.</summary>
    public static IReadOnlyList<string> FieldsFor(string areaId, PostRegistry posts) =>
        posts.IsTopLevel(areaId) ? [areaId, NoArea] : [areaId];
}
