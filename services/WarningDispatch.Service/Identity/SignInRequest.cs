namespace WarningDispatch.Service.Identity;

public sealed record SignInRequest(string? Username, string? Password);
