using WarningDispatch.Domain.Cases;

namespace WarningDispatch.Service.Cases;

/// <summary>
/// <c>Correlation:*</c>: which warnings are about one person (INTERFACE §6), and the secret key that turns phones
/// and id numbers into index keys nobody can reverse (<see cref="PersonKeys"/>).
/// </summary>
public sealed class CorrelationOptions
{
    public const string Section = "Correlation";

    /// <summary>A case stays open this long after its last task was resolved.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(72);
    /// <summary>This many warnings inside the window require a home visit.</summary>
    public int RepeatCount { get; set; } = 2;
    /// <summary>
    /// Base64 of at least 32 random bytes (<c>openssl rand -base64 32</c>); required outside Development and Testing,
    /// which fall back to a key published here. Changing it starts every person afresh (old keys no longer match).
    /// </summary>
    public string? PersonKey { get; set; }

    public CasePolicy Policy => new(Window, RepeatCount);

    /// <summary>The key, or null when none (or no valid one) is configured.</summary>
    public byte[]? Secret()
    {
        if (string.IsNullOrWhiteSpace(PersonKey)) return null;
        var buffer = new byte[PersonKey.Length];
        return Convert.TryFromBase64String(PersonKey.Trim(), buffer, out var length) && length >= 32
            ? buffer[..length]
            : null;
    }
}
