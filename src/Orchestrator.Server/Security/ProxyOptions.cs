namespace Orchestrator.Server.Security;

/// <summary>
/// The <c>Proxy</c> section: the reverse proxies (nginx, a load balancer) whose <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c> the server believes, so that rate limits and lockouts count the client's address and the
/// origin check sees the scheme the browser used. Nothing is believed unless listed: a client could forge the headers.
/// </summary>
public sealed class ProxyOptions
{
    /// <summary><c>Proxy:KnownProxies</c>: addresses of the proxies in front of the server (<c>10.0.0.5</c>).</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary><c>Proxy:KnownNetworks</c>: networks of such proxies, in CIDR notation (<c>10.0.0.0/24</c>).</summary>
    public List<string> KnownNetworks { get; set; } = [];
}
