using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using WarningDispatch.Service.Officers;

namespace WarningDispatch.Service.Identity;

/// <summary>
/// The sign-in accounts of the region in use (with Redis: the copy there, which may be older than the file).
/// Passwords are checked against PasswordHasher V3 hashes; plain text is never accepted.
/// </summary>
public sealed class AccountDirectory
{
    static readonly PasswordHasher<AccountRecord> Hasher = new();
    readonly Dictionary<string, AccountRecord> _accounts;
    readonly ILogger<AccountDirectory> _log;
    // Unknown user names are verified against this, so they take as long as wrong passwords and reveal nothing.
    readonly Lazy<string> _decoy = new(() => HashPassword(Guid.NewGuid().ToString()));

    public AccountDirectory(RegionData region, IHostEnvironment environment, ILogger<AccountDirectory> log)
    {
        var problems = AccountPolicy.Problems(region.Accounts, environment).ToList();
        if (problems.Count > 0)
            throw new InvalidOperationException(
                "区域数据中的账户不可用（使用 Redis 时，wd:region 只在不存在时由区域文件写入：修正文件后删除该键）" +
                "(The accounts of the region in use are refused; with Redis, wd:region is seeded from the region " +
                "file only when absent: fix the file, then delete that key)" + Environment.NewLine +
                string.Join(Environment.NewLine, problems));
        _accounts = region.Accounts.ToDictionary(a => a.Username, StringComparer.OrdinalIgnoreCase);
        _log = log;
    }

    public IReadOnlyCollection<AccountRecord> All => _accounts.Values;

    /// <summary>A PasswordHasher V3 hash (PBKDF2-HMAC-SHA512, random salt) for an account's "passwordHash".</summary>
    public static string HashPassword(string password) => Hasher.HashPassword(null!, password); // user is unused

    public AccountRecord? Find(string username) => _accounts.GetValueOrDefault(username);

    /// <summary>The account when the password is right; null for an unknown user name or a wrong password.</summary>
    public AccountRecord? Verify(string username, string password)
    {
        if (!_accounts.TryGetValue(username, out var account))
        {
            Hasher.VerifyHashedPassword(null!, _decoy.Value, password);
            return null;
        }
        var result = Hasher.VerifyHashedPassword(account, account.PasswordHash!, password);
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
            _log.LogWarning("账户 {Username} 的密码哈希参数已过时，请用 hash-password 重新生成 " +
                            "(The password hash of account {Username} uses outdated parameters; make a new one " +
                            "with hash-password)", account.Username, account.Username);
        return result == PasswordVerificationResult.Failed ? null : account;
    }

    /// <summary>The user of one sign-in session: the account's claims plus the session's id and end.</summary>
    /// <param name="postId">The post of the account's officer in the region as it is now.</param>
    public static ClaimsPrincipal Principal(
        AccountRecord account, string sessionId, DateTimeOffset sessionEnds, string scheme, string? postId = null)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, account.Username),
            new(ClaimTypes.Name, account.DisplayName),
            new(ClaimTypes.Role, account.Role),
            new(DispatchClaims.SessionId, sessionId),
            new(DispatchClaims.SessionEnds, sessionEnds.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
        };
        if (account.OfficerId is not null) claims.Add(new(DispatchClaims.OfficerId, account.OfficerId));
        if (account.AreaId is not null) claims.Add(new(DispatchClaims.AreaId, account.AreaId));
        if (postId is not null) claims.Add(new(DispatchClaims.PostId, postId));
        if (account.SeesPersonalData) claims.Add(new(DispatchClaims.PersonalData, "true"));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }
}
