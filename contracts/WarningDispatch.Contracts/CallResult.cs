namespace WarningDispatch.Contracts;

/// <summary>The result of the phone warning. Anything but <see cref="ReachedAndDissuaded"/> escalates to a home
/// visit.</summary>
public enum CallResult { ReachedAndDissuaded, Busy, NoAnswer, Unreachable, Refuses, StillAtRisk }
