using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace WarningDispatch.Service.Security;

/// <summary>Encrypts each data-protection key with AES-256-GCM under DataProtection:KeyEncryptionKey.</summary>
public sealed class AesGcmXmlEncryptor(byte[] key) : IXmlEncryptor
{
    internal const int NonceBytes = 12;
    internal const int TagBytes = 16;

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var nonce = RandomNumberGenerator.GetBytes(NonceBytes);
        var tag = new byte[TagBytes];
        var ciphertext = new byte[plaintext.Length];
        using (var aes = new AesGcm(key, TagBytes)) aes.Encrypt(nonce, plaintext, ciphertext, tag);
        var element = new XElement("encryptedKey",
            new XComment(" AES-256-GCM, DataProtection:KeyEncryptionKey "),
            new XAttribute("keyId", KeyId(key)),
            new XElement("value", Convert.ToBase64String([.. nonce, .. tag, .. ciphertext])));
        return new EncryptedXmlInfo(element, typeof(AesGcmXmlDecryptor));
    }

    /// <summary>Names the encryption key (not secret), so a ring written under another key fails with a clear
    /// reason.</summary>
    internal static string KeyId(byte[] key) => Convert.ToHexString(SHA256.HashData(key))[..16];
}
