using System.Globalization;
using WarningDispatch.Contracts;

namespace WarningDispatch.Domain.Tasks;

/// <summary>
/// Makes <see cref="StepReason"/>s and says them in English for <see cref="TaskHistoryEntry.Detail"/>, feedback and
/// logs. The consoles say them in the reader's language from the code and parameters.
/// </summary>
public static class Reasons
{
    public static StepReason Of(ReasonCode code, params (string Key, string Value)[] parameters) =>
        new(code, parameters.ToDictionary(p => p.Key, p => p.Value));

    /// <summary>Invariant text for a number in a parameter: a dot, no grouping.</summary>
    public static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Number(double value, string format = "0.##") =>
        value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>A time in a parameter: ISO 8601 in the instruction's own offset (the officers' local time).</summary>
    public static string Time(DateTimeOffset at, TimeSpan offset) =>
        at.ToOffset(offset).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>A parameter time as the English detail shows it: <c>08:17:00 UTC+08:00</c>, offset shown.</summary>
    public static string LocalTime(string iso, string format)
    {
        var at = DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);
        var offset = at.Offset == TimeSpan.Zero ? "UTC"
            : $"UTC{(at.Offset < TimeSpan.Zero ? "-" : "+")}{at.Offset:hh\\:mm}";
        return at.ToString(format, CultureInfo.InvariantCulture) + " " + offset;
    }

    public static string English(IEnumerable<StepReason> reasons) => string.Join("; ", reasons.Select(English));

    public static string English(StepReason reason)
    {
        var p = reason.Parameters;
        string P(string key) => p.TryGetValue(key, out var v) ? v : "?";
        return reason.Code switch
        {
            ReasonCode.NextOfficerAtPost => $"next on-duty officer at {P("postName")}",
            ReasonCode.NoOtherOfficerAtPost => $"no other officer on duty at {P("postName")}",
            ReasonCode.JurisdictionPost => $"jurisdiction post for region {P("region")}",
            ReasonCode.JurisdictionPostNoneOnDuty => "jurisdiction post had none on duty",
            ReasonCode.NoPostForRegion => $"no post covers region {P("region")}",
            ReasonCode.NearestPost => $"nearest post with officers on duty, {P("km")} km",
            ReasonCode.NoStationWithinRange => $"no station with officers on duty within {P("km")} km",
            ReasonCode.UpHierarchy => $"escalated up the hierarchy to {P("postName")}",
            ReasonCode.NobodyOnDutyAt => $"nobody on duty at {P("postName")}",
            ReasonCode.NoPostFits => "no post or officer fits; waiting for a duty officer to assign it",
            ReasonCode.FewestOpenTasks => $"officer {P("officer")} has the fewest open tasks ({P("openTasks")})",
            ReasonCode.AssignedByDutyOfficer => $"assigned by duty officer {P("user")}",
            ReasonCode.HighRiskOnCall => "high risk and on a call with the fraudster now",
            ReasonCode.HighRiskAmount => $"high risk and {P("amount")} CNY at risk (threshold {P("threshold")})",
            ReasonCode.ParallelWithCall => "home visit starts at once, in parallel with the call",
            ReasonCode.CallFailed => $"phone warning failed ({P("result")})",
            ReasonCode.CallDeadlineMissed =>
                $"no call result by the call deadline {LocalTime(P("deadline"), "HH:mm:ss")}",
            ReasonCode.EscalatedByDutyOfficer => $"escalated by duty officer {P("user")}",
            ReasonCode.VisitAlreadyRequired => "home visit already required",
            ReasonCode.AckMissed =>
                $"officer {P("officer")} did not acknowledge by {LocalTime(P("deadline"), "HH:mm:ss")}",
            ReasonCode.OfficerOffDuty => $"officer {P("officer")} went off duty",
            ReasonCode.VisitBreached => "home-visit deadline breached",
            ReasonCode.CaseOfficer =>
                $"officer {P("officer")} at {P("postName")} already has another warning about this person",
            ReasonCode.CaseCorroborated => $"warnings about this person from several sources ({P("sources")})",
            ReasonCode.RepeatedWarnings => $"{P("count")} warnings about this person",
            ReasonCode.AttemptsFailed => $"{P("count")} calls failed to reach the person or their contacts",
            ReasonCode.BusyWhileOnCall => "the person's line is busy while on a call with the fraudster",
            ReasonCode.LocationUpdated => "the person's location was updated; routed from where they are now",
            _ => reason.Code.ToString(),
        };
    }
}
