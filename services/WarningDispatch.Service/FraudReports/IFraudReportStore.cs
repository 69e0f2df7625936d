namespace WarningDispatch.Service.FraudReports;

/// <summary>
/// Fraud reports by report id. Recording one writes, in the same atomic step, the outbox entry that applies it
/// (<see cref="FraudReportFollowUps"/>), so a crash never keeps a report without its matching, nor matches twice.
/// </summary>
public interface IFraudReportStore
{
    /// <summary>Keeps a report whose id is new, with its outbox entry; false (nothing written) for a known id.
    /// </summary>
    Task<bool> RecordAsync(StoredFraudReport report, CancellationToken ct);

    Task<StoredFraudReport?> GetAsync(string reportId, CancellationToken ct);

    /// <summary>Writes the applied report (its matched tasks) and lists it as matched or unmatched.</summary>
    Task AppliedAsync(StoredFraudReport report, CancellationToken ct);

    /// <summary>One list, newest received first, a page at a time, and how many it holds.</summary>
    Task<(IReadOnlyList<StoredFraudReport> Items, long Total)> ListAsync(bool matched, int skip, int take,
        CancellationToken ct);
}
