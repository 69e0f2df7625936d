using WarningDispatch.Domain.Tasks;

namespace WarningDispatch.Service.FollowUps;

/// <summary>
/// <c>FollowUp:*</c> (INTERFACE.md §8): after the warning — the follow-up visit and "defrauded after warning".
/// </summary>
public sealed class FollowUpOptions
{
    public const string Section = "FollowUp";

    /// <summary>A task resolved as Dissuaded, FundsProtected or PersonNotFound has its follow-up due this long later.
    /// </summary>
    public TimeSpan After { get; set; } = TimeSpan.FromHours(72);
    /// <summary>A follow-up more than this long past its due time is overdue (the list and the board say so).</summary>
    public TimeSpan Grace { get; set; } = TimeSpan.FromHours(24);
    /// <summary>A fraud report marks every task about the person issued this long before the fraud, or less.</summary>
    public TimeSpan DefraudedWindow { get; set; } = TimeSpan.FromDays(30);

    public FollowUpPolicy Policy => new(After);
}
