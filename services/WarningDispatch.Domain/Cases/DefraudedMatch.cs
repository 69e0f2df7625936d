namespace WarningDispatch.Domain.Cases;

/// <summary>
/// Which warnings a fraud report marks "defrauded after warning" (INTERFACE.md §8): those about the same person whose
/// instruction was issued within the window before the fraud, both ends included. Same person is the cases' rule
/// (<see cref="CaseLinker"/>): an equal id number, or an equal phone unless both carry id numbers and they differ —
/// two people may share one phone.
/// </summary>
public static class DefraudedMatch
{
    public static bool Matches(ReportKeys report, PersonKeys task, DateTimeOffset issuedAt, DateTimeOffset occurredAt,
        TimeSpan window) =>
        InWindow(issuedAt, occurredAt, window) && SamePerson(report, task);

    public static bool InWindow(DateTimeOffset issuedAt, DateTimeOffset occurredAt, TimeSpan window) =>
        issuedAt <= occurredAt && issuedAt >= occurredAt - window;

    public static bool SamePerson(ReportKeys report, PersonKeys task)
    {
        if (report.IdKey is not null && report.IdKey == task.IdKey) return true;
        var otherPerson = report.IdKey is not null && task.IdKey is not null && report.IdKey != task.IdKey;
        return report.PhoneKey is not null && report.PhoneKey == task.PhoneKey && !otherPerson;
    }
}
