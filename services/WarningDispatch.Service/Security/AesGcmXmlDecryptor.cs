using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Options;

namespace WarningDispatch.Service.Security;

/// <summary>
/// Reads keys written by <see cref="AesGcmXmlEncryptor"/>. Data protection creates it by type name from the stored
/// ring, handing it the service provider.
/// </summary>
public sealed class AesGcmXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var key = services.GetRequiredService<IOptions<KeyEncryptionOptions>>().Value.Key()
                  ?? throw new InvalidOperationException(
                      "密钥环已加密，但未配置 DataProtection:KeyEncryptionKey " +
                      "(The key ring is encrypted but DataProtection:KeyEncryptionKey is not configured)");
        if ((string?)encryptedElement.Attribute("keyId") != AesGcmXmlEncryptor.KeyId(key))
            throw new CryptographicException(
                "密钥环由另一个 DataProtection:KeyEncryptionKey 加密 " +
                "(The key ring was encrypted with another DataProtection:KeyEncryptionKey)");
        var data = Convert.FromBase64String((string?)encryptedElement.Element("value") ?? "");
        const int headerBytes = AesGcmXmlEncryptor.NonceBytes + AesGcmXmlEncryptor.TagBytes;
        var plaintext = new byte[data.Length - headerBytes];
        using (var aes = new AesGcm(key, AesGcmXmlEncryptor.TagBytes))
            aes.Decrypt(data.AsSpan(0, AesGcmXmlEncryptor.NonceBytes),
                data.AsSpan(headerBytes), data.AsSpan(AesGcmXmlEncryptor.NonceBytes, AesGcmXmlEncryptor.TagBytes),
                plaintext);
        return XElement.Parse(Encoding.UTF8.GetString(plaintext));
    }
}
