using System.Security.Cryptography;
using System.Text;
using WarningDispatch.Contracts;

namespace WarningDispatch.Domain.Cases;

/// <summary>
/// How the store finds a person without holding their phone or id number: HMAC-SHA256 with a secret key of the
/// normalised id number and of the phone, as <c>i:…</c> and <c>p:…</c>. Without the key, the index cannot be
/// reversed or checked against a list of numbers.
/// </summary>
public sealed record PersonKeys(string? IdKey, string PhoneKey)
{
    public IEnumerable<string> All => IdKey is null ? [PhoneKey] : [IdKey, PhoneKey];

    public static PersonKeys Of(WarningSubject subject, ReadOnlySpan<byte> secret) => new(
        subject.IdNumber is { Length: > 0 } id ? "i:" + Hash(secret, id.ToUpperInvariant()) : null,
        "p:" + Hash(secret, subject.Phone));

    static string Hash(ReadOnlySpan<byte> secret, string value) =>
        Convert.ToBase64String(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(value)))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
