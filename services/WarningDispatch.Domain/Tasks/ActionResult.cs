namespace WarningDispatch.Domain.Tasks;

/// <param name="Reason">The refusal as text (zh-CN, then English), or an internal note of the service's own.</param>
/// <param name="Field">For <see cref="ActionStatus.Invalid"/>: the request field that is wrong.</param>
/// <param name="Refusal">Why it was refused, as a code with parameters, for a console to translate.</param>
public readonly record struct ActionResult(
    ActionStatus Status, string? Reason = null, string? Field = null, Refusal? Refusal = null)
{
    public static readonly ActionResult Applied = new(ActionStatus.Applied);
    public static readonly ActionResult AlreadyApplied = new(ActionStatus.AlreadyApplied);
    /// <summary>Not a person's answer: a background job's note that it had nothing to do.</summary>
    public static ActionResult NotAllowed(string reason) => new(ActionStatus.NotAllowed, reason);
    public static ActionResult NotAllowed(Refusal why) => new(ActionStatus.NotAllowed, why.Text, Refusal: why);
    public static ActionResult Forbidden(Refusal why) => new(ActionStatus.Forbidden, why.Text, Refusal: why);
    public static ActionResult Invalid(Refusal why, string field = "action") =>
        new(ActionStatus.Invalid, why.Text, field, why);
    public static ActionResult ActionIdReused(Refusal why) => new(ActionStatus.ActionIdReused, why.Text, Refusal: why);
    public bool Changed => Status == ActionStatus.Applied;
}
