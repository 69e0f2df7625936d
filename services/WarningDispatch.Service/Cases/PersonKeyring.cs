using System.Text;
using Microsoft.Extensions.Options;
using WarningDispatch.Contracts;
using WarningDispatch.Domain.Cases;
using WarningDispatch.Service.Security;

namespace WarningDispatch.Service.Cases;

/// <summary>Makes a subject's <see cref="PersonKeys"/> with the configured secret.</summary>
public sealed class PersonKeyring(IOptions<CorrelationOptions> options, IHostEnvironment environment)
{
    /// <summary>Development and Testing only (the options refuse to start elsewhere without a key).</summary>
    static readonly byte[] DemoSecret = Encoding.UTF8.GetBytes("warning-dispatch-demo-person-key-not-secret");

    readonly byte[] _secret = options.Value.Secret()
                              ?? (environment.IsDemoOrTest()
                                  ? DemoSecret
                                  : throw new InvalidOperationException(CorrelationText.KeyRequired));

    public PersonKeys Of(WarningSubject subject) => PersonKeys.Of(subject, _secret);

    /// <summary>The keys of a fraud report's person: of the phone and of the id number, each when given.</summary>
    public ReportKeys Of(FraudReportSubject subject) => ReportKeys.Of(subject, _secret);

    /// <summary>The key of a phone number alone (E.164, as instructions carry it).</summary>
    public string OfPhone(string phone) => Of(new WarningSubject { Phone = phone }).PhoneKey;
}
