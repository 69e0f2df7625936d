using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using WarningDispatch.Service.Officers;

namespace WarningDispatch.Service.Identity;

/// <summary>The sign-in accounts of the region file. Demo passwords; a deployment points the file at its own accounts.</summary>
public sealed class AccountDirectory(RegionData region)
{
    readonly Dictionary<string, AccountRecord> _accounts = region.Accounts.ToDictionary(a => a.Username, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<AccountRecord> All => _accounts.Values;

    public ClaimsPrincipal? SignIn(string username, string password, string scheme)
    {
        if (!_accounts.TryGetValue(username, out var account)) return null;
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(password), Encoding.UTF8.GetBytes(account.Password))) return null;
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, account.Username),
            new(ClaimTypes.Name, account.DisplayName),
            new(ClaimTypes.Role, account.Role),
        };
        if (account.OfficerId is not null) claims.Add(new(DispatchClaims.OfficerId, account.OfficerId));
        if (account.AreaId is not null) claims.Add(new(DispatchClaims.AreaId, account.AreaId));
        if (account.SeesPersonalData) claims.Add(new(DispatchClaims.PersonalData, "true"));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }
}
