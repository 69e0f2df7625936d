namespace WarningDispatch.Service.Officers;

/// <summary>
/// A sign-in account. <see cref="PasswordHash"/> is ASP.NET Core Identity's PasswordHasher V3 format (make one with
/// <c>hash-password</c>). <see cref="Password"/> is read only so that start-up can refuse a plain-text password by
/// name; it is never used to sign in. <see cref="Demo"/> marks the demo accounts, refused outside Development and
/// Testing.
/// </summary>
public sealed record AccountRecord(
    string Username, string? PasswordHash, string Role, string? OfficerId, string? AreaId, string DisplayName,
    bool SeesPersonalData = false, bool Demo = false, string? Password = null);
