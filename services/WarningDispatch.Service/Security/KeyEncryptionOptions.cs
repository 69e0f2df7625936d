namespace WarningDispatch.Service.Security;

/// <summary>
/// The key that encrypts the data-protection key ring at rest (in Redis, every instance's copy): whoever reads the
/// ring could otherwise forge sign-in cookies and tokens. Required with Redis outside Development and Testing.
/// </summary>
public sealed class KeyEncryptionOptions
{
    public const string Section = "DataProtection";

    /// <summary>Base64 of 32 random bytes, e.g. <c>openssl rand -base64 32</c>.</summary>
    public string? KeyEncryptionKey { get; set; }

    /// <summary>The 32-byte key, or null when none (or no valid one) is configured.</summary>
    public byte[]? Key()
    {
        if (string.IsNullOrWhiteSpace(KeyEncryptionKey)) return null;
        var key = new byte[KeyEncryptionKey.Length];
        return Convert.TryFromBase64String(KeyEncryptionKey.Trim(), key, out var length) && length == 32
            ? key[..32]
            : null;
    }
}
