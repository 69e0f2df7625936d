namespace WarningDispatch.Service.Realtime;

/// <summary>The one place SignalR group names are made.</summary>
public static class TaskGroups
{
    /// <summary>A field officer's own tasks, full personal data.</summary>
    public static string Officer(string officerId) => $"officer:{officerId}";

    /// <summary>Every task of a centre's area, for its duty officers; masked unless
    /// <paramref name="withPersonalData"/>.</summary>
    public static string Area(string areaId, bool withPersonalData) =>
        withPersonalData ? $"area:{areaId}:full" : $"area:{areaId}";
}
