namespace WarningDispatch.Service.FraudReports;

/// <summary>What became of one fraud report, and so how HTTP answers it.</summary>
public enum FraudReportOutcome
{
    /// <summary>202: kept, and its matching queued.</summary>
    Recorded,
    /// <summary>200: a report with this id was kept before; nothing was done again.</summary>
    Duplicate,
    /// <summary>400 (413 over the size cap): kept as a rejection with every broken rule.</summary>
    Rejected,
}
