using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace WarningDispatch.Service.Hosting;

/// <summary>
/// The data-protection key ring in Redis, so a sign-in cookie or bearer token issued by one instance is valid on
/// every other (behind a load balancer a console reconnects wherever it lands). The Redis package for this needs
/// StackExchange.Redis 2.x, which does not restore here; the repository is two calls.
/// </summary>
public sealed class RedisKeyRing(RedisGateway redis) : IXmlRepository
{
    const string Key = RedisKeys.Prefix + "dataprotection:keys";

    public IReadOnlyCollection<XElement> GetAllElements() =>
        redis.Database.ListRange(Key).Select(v => XElement.Parse((string)v!)).ToList();

    public void StoreElement(XElement element, string friendlyName) =>
        redis.Database.ListRightPush(Key, element.ToString(SaveOptions.DisableFormatting));
}
