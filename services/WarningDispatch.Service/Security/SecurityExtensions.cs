using System.Net;
using MassTransit;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using WarningDispatch.Service.Ingest;

namespace WarningDispatch.Service.Security;

/// <summary>
/// Secure defaults: proxies, response headers, the key ring at rest, ingest keys, no usage telemetry.
/// </summary>
public static class SecurityExtensions
{
    /// <summary>
    /// Printed in this repository's README and compose file: never accepted outside Development and Testing.
    /// </summary>
    static readonly string[] PublishedIngestKeys = ["demo-ingest-key-0001", "change-me-ingest-key-0001"];

    public static WebApplicationBuilder AddSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<IHttpContextFactory, HubTokenContextFactory>();
        services.AddHostedService<StartupSecurityCheck>();

        services.AddOptions<ProxyOptions>().BindConfiguration(ProxyOptions.Section)
            .Validate(o => o.IsValid(),
                "ForwardedHeaders:KnownProxies 须为 IP 地址，KnownNetworks 须为 CIDR，ForwardLimit 须为正 " +
                "(ForwardedHeaders:KnownProxies must be IP addresses, KnownNetworks CIDR ranges, " +
                "ForwardLimit positive)")
            .ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((o, proxies) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = proxies.Value.ForwardLimit;
            foreach (var proxy in proxies.Value.KnownProxies) o.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in proxies.Value.KnownNetworks)
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });

        services.AddOptions<KeyEncryptionOptions>().BindConfiguration(KeyEncryptionOptions.Section)
            .Validate(o => string.IsNullOrWhiteSpace(o.KeyEncryptionKey) || o.Key() is not null,
                "DataProtection:KeyEncryptionKey 必须是 32 字节的 base64 (openssl rand -base64 32) " +
                "(DataProtection:KeyEncryptionKey must be the base64 of 32 bytes: openssl rand -base64 32)")
            .ValidateOnStart();
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<KeyEncryptionOptions>>((o, encryption) =>
        {
            if (encryption.Value.Key() is { } key) o.XmlEncryptor = new AesGcmXmlEncryptor(key);
        });

        services.AddOptions<IngestOptions>()
            .Validate<IHostEnvironment>((o, environment) =>
                    environment.IsDemoOrTest() || !o.ApiKeys.Intersect(PublishedIngestKeys).Any(),
                "Ingest:ApiKeys 含有本仓库公开的示例密钥，请改用长随机密钥 (Ingest:ApiKeys holds a key published " +
                "in this repository; use a long random key)")
            .ValidateOnStart();

        // MassTransit (8.4 and 8.5) reports usage to its vendor after the bus starts unless told not to.
        services.AddOptions<UsageTelemetryOptions>().Configure(o => o.Enabled = false);
        return builder;
    }

    /// <summary>
    /// First in the pipeline: everything after sees the real client and scheme, every answer the headers.
    /// </summary>
    public static WebApplication UseSecurity(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDemoOrTest()) app.UseHsts();
        app.UseSecurityHeaders();
        return app;
    }
}
