using WarningDispatch.Contracts;

namespace WarningDispatch.Domain.Cases;

/// <summary>
/// The person keys of a fraud report, made as a task's (<see cref="PersonKeys"/>), each only when the report names
/// the number: a report may carry a phone, an id number, or both.
/// </summary>
public sealed record ReportKeys(string? IdKey, string? PhoneKey)
{
    public IEnumerable<string> All => new[] { IdKey, PhoneKey }.OfType<string>();

    public static ReportKeys Of(FraudReportSubject subject, ReadOnlySpan<byte> secret)
    {
        var keys = PersonKeys.Of(new WarningSubject { Phone = subject.Phone ?? "", IdNumber = subject.IdNumber },
            secret);
        return new(keys.IdKey, subject.Phone is { Length: > 0 } ? keys.PhoneKey : null);
    }
}
