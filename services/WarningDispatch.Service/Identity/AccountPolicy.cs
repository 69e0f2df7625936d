using WarningDispatch.Service.Officers;
using WarningDispatch.Service.Security;

namespace WarningDispatch.Service.Identity;

/// <summary>
/// Which accounts may be used where. A plain-text password is refused in every environment, so none is ever copied
/// to Redis or signed in with; demo accounts run only in Development and Testing.
/// </summary>
public static class AccountPolicy
{
    /// <summary>Every reason these accounts may not be used here (zh-CN, then English); empty when they may.</summary>
    public static IEnumerable<string> Problems(IEnumerable<AccountRecord> accounts, IHostEnvironment environment)
    {
        var env = environment.EnvironmentName;
        foreach (var account in accounts)
        {
            var name = account.Username;
            if (account.Password is not null)
                yield return $"账户 {name} 含明文密码字段 \"password\"，请删除并改存 hash-password 生成的 \"passwordHash\" " +
                             $"(account {name} has a plain-text \"password\"; remove it and store a \"passwordHash\" " +
                             "made with hash-password)";
            else if (!IsV3Hash(account.PasswordHash))
                yield return $"账户 {name} 缺少有效的 \"passwordHash\"（PasswordHasher V3 格式）" +
                             $"(account {name} has no valid \"passwordHash\" in PasswordHasher V3 format)";
            if (account.Demo && !environment.IsDemoOrTest())
                yield return $"演示账户 {name} 不得在 {env} 环境中使用，仅限 Development 和 Testing " +
                             $"(demo account {name} is refused in {env}; " +
                             "demo accounts run only in Development and Testing)";
        }
    }

    /// <summary>V3: the format marker 0x01, then PRF, iteration count, salt length, salt and subkey.</summary>
    static bool IsV3Hash(string? hash)
    {
        if (string.IsNullOrEmpty(hash)) return false;
        var bytes = new byte[hash.Length];
        return Convert.TryFromBase64String(hash, bytes, out var length) && length > 13 && bytes[0] == 0x01;
    }
}
