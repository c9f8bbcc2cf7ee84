using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Api;

/// <summary>A server that requires sign-in: an admin, an agent of group <c>agents</c> (alice), one of group <c>fin_nce</c> (carol), and an API key <c>ci</c>.</summary>
public sealed class AuthFixture : ServerFixture
{
    public const string AdminPassword = "admin-secret";
    public const string AgentPassword = "alice-secret";
    public const string ApiKey = "ci-key-0123456789";

    protected override Dictionary<string, string?> Settings()
    {
        var hasher = new PasswordHasher<string>();
        var settings = base.Settings();
        settings["Auth:Anonymous"] = "false";
        settings["Auth:Users:admin:PasswordHash"] = hasher.HashPassword("admin", AdminPassword);
        settings["Auth:Users:admin:Roles:0"] = "admin";
        settings["Auth:Users:alice:PasswordHash"] = hasher.HashPassword("alice", AgentPassword);
        settings["Auth:Users:alice:Groups:0"] = "agents";
        settings["Auth:Users:alice:Roles:0"] = "agent";
        settings["Auth:Users:carol:PasswordHash"] = hasher.HashPassword("carol", AgentPassword);
        settings["Auth:Users:carol:Groups:0"] = "fin_nce";
        settings["Auth:Users:carol:Roles:0"] = "agent";
        settings["Auth:ApiKeys:ci:Sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ApiKey)));
        return settings;
    }
}
