namespace WarningDispatch.Service.Tasks;

/// <summary>
/// The duty version a change's next rung was decided on from memory, if it was: the change's commit writes nothing
/// unless the duty roster is still that version. One per change: filled by <see cref="TaskWorkflow.NextRungAsync"/>,
/// read by the change's commit in <c>TaskWorkflow.ChangeAsync</c>.
/// </summary>
public sealed class DutyCheck
{
    public string? Version { get; set; }
}
