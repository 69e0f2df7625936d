using System.Net;

namespace WarningDispatch.Service.Security;

/// <summary>
/// The TLS proxies in front of the service, whose X-Forwarded-For and X-Forwarded-Proto are believed: the client
/// address (sign-in throttling) and https (the Secure cookie) come from them. Loopback is always trusted; a header
/// from any other address is ignored.
/// </summary>
public sealed class ProxyOptions
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Proxy addresses, e.g. <c>10.0.0.5</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR notation, e.g. <c>10.0.0.0/24</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>How many proxies in a chain are believed, right to left.</summary>
    public int ForwardLimit { get; set; } = 1;

    public bool IsValid() =>
        ForwardLimit > 0
        && KnownProxies.All(p => IPAddress.TryParse(p, out _))
        && KnownNetworks.All(n => IPNetwork.TryParse(n, out _));
}
