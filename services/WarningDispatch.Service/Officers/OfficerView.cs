namespace WarningDispatch.Service.Officers;

public sealed record OfficerView(string OfficerId, string Name, string PostId, bool OnDuty, int OpenTasks)
{
    /// <summary>A console of this officer is connected now (on any instance).</summary>
    public bool Online { get; init; }
}
