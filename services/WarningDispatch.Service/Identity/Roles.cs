namespace WarningDispatch.Service.Identity;

public static class Roles
{
    public const string DutyOfficer = nameof(DutyOfficer);
    public const string FieldOfficer = nameof(FieldOfficer);
}
