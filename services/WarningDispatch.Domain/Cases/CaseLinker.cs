namespace WarningDispatch.Domain.Cases;

/// <summary>
/// Decides which case a new instruction belongs to, from the cases its person keys point to now. The id number is
/// the stronger key: its case wins over the phone's. A case that is closed (outside the window) or about someone
/// else (another id number) is not joined: the instruction starts a new case, and its keys move to it.
/// </summary>
public static class CaseLinker
{
    public static CaseLink Decide(PersonKeys keys, CaseView? byId, CaseView? byPhone, DateTimeOffset now,
        CasePolicy policy, Func<string> newCaseId)
    {
        bool Joinable(CaseView? c) => c is not null && c.IsOpenAt(now, policy) && !c.IsAboutSomeoneElse(keys.IdKey);
        var joined = Joinable(byId) ? byId : Joinable(byPhone) ? byPhone : null;
        var expectations = new List<PersonKeyExpectation>();
        if (keys.IdKey is { } idKey) expectations.Add(new(idKey, byId?.CaseId));
        expectations.Add(new(keys.PhoneKey, byPhone?.CaseId));
        return joined is null
            ? new CaseLink(newCaseId(), 0, expectations, [], null)
            : new CaseLink(joined.CaseId, joined.Version, expectations, joined.Members, joined.Holder);
    }
}
