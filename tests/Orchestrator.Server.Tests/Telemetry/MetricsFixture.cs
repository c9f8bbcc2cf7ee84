using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Telemetry;

/// <summary>
/// A server with anonymous access for the API (so the fixture's helpers drive it) and three who may try to scrape
/// <c>/metrics</c>: oscar (operator), alice (agent) and the API key of a Prometheus with the operator role.
/// </summary>
public sealed class MetricsFixture : ServerFixture
{
    public const string Password = "scrape-secret";
    public const string PrometheusKey = "prometheus-key-0123456789";

    protected override Dictionary<string, string?> Settings()
    {
        var hasher = new PasswordHasher<string>();
        var settings = base.Settings();
        settings["Auth:Users:oscar:PasswordHash"] = hasher.HashPassword("oscar", Password);
        settings["Auth:Users:oscar:Roles:0"] = "operator";
        settings["Auth:Users:alice:PasswordHash"] = hasher.HashPassword("alice", Password);
        settings["Auth:Users:alice:Groups:0"] = "metered-agents";
        settings["Auth:Users:alice:Roles:0"] = "agent";
        settings["Auth:ApiKeys:prometheus:Sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(PrometheusKey)));
        settings["Auth:ApiKeys:prometheus:Roles:0"] = "operator";
        return settings;
    }
}
