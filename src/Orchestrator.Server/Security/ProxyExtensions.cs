using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Orchestrator.Server.Security;

/// <summary>Believes the forwarded headers of the proxies <see cref="ProxyOptions"/> lists (and of none when it lists none).</summary>
public static class ProxyExtensions
{
    /// <summary>Registers <see cref="ProxyOptions"/> and what the forwarded-headers middleware believes.</summary>
    public static WebApplicationBuilder AddOrchestratorProxies(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<ProxyOptions>().BindConfiguration("Proxy")
            .Validate(o => o.KnownProxies.All(p => IPAddress.TryParse(p, out _)) && o.KnownNetworks.All(n => System.Net.IPNetwork.TryParse(n, out _)),
                "Proxy:KnownProxies must be IP addresses and Proxy:KnownNetworks networks in CIDR notation (10.0.0.0/24)")
            .ValidateOnStart();
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((forwarded, proxies) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the listed proxies: without any, forwarded headers are not believed at all (not even from loopback).
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            proxies.Value.KnownProxies.ForEach(p => forwarded.KnownProxies.Add(IPAddress.Parse(p)));
            proxies.Value.KnownNetworks.ForEach(n => forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(n)));
        });
        return builder;
    }
}
