namespace WarningDispatch.Domain.Cases;

/// <summary>
/// When warnings are about one case: a person with an active task, or one resolved less than <see cref="Window"/>
/// ago; and when the case needs an officer at the door: <see cref="RepeatCount"/> warnings inside the window, or two
/// sources.
/// </summary>
public sealed record CasePolicy(TimeSpan Window, int RepeatCount)
{
    public static readonly CasePolicy Default = new(TimeSpan.FromHours(72), 2);
}
