namespace WarningDispatch.Contracts;

/// <summary>
/// How one call to the person or to one of their contacts went. Only <see cref="Reached"/> is not a failed attempt;
/// it does not resolve the task either (the call result and the outcome do).
/// </summary>
public enum AttemptResult { Reached, Busy, NoAnswer, PoweredOff, InvalidNumber }
