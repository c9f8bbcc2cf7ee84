using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Hardening;

/// <summary>
/// A server that requires sign-in, with one user per role — <c>admin</c>, <c>olga</c> (process owner), <c>oscar</c>
/// (operator), <c>alice</c> (agent of group <c>agents</c>), <c>bob</c> (agent of group <c>others</c>), <c>quinn</c> (QA
/// reviewer: agent of group <c>qa-reviewers</c>) — and the integration API key <c>ci</c>; clock control on.
/// </summary>
public sealed class RolesFixture : ServerFixture
{
    public const string Password = "role-secret";
    public const string ApiKey = "integration-key-0123456789";

    public static readonly IReadOnlyDictionary<string, string> RoleOf = new Dictionary<string, string>
    {
        ["admin"] = "admin", ["olga"] = "process-owner", ["oscar"] = "operator", ["alice"] = "agent", ["bob"] = "agent", ["quinn"] = "agent",
    };

    protected override Dictionary<string, string?> Settings()
    {
        var hasher = new PasswordHasher<string>();
        var settings = base.Settings();
        settings["Auth:Anonymous"] = "false";
        foreach (var (user, role) in RoleOf)
        {
            settings[$"Auth:Users:{user}:PasswordHash"] = hasher.HashPassword(user, Password);
            settings[$"Auth:Users:{user}:Roles:0"] = role;
        }

        settings["Auth:Users:alice:Groups:0"] = "agents";
        settings["Auth:Users:bob:Groups:0"] = "others";
        settings["Auth:Users:quinn:Groups:0"] = "qa-reviewers";
        settings["Auth:ApiKeys:ci:Sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ApiKey)));
        return settings;
    }

    /// <summary>A client signed in as a user, or as the integration key for <c>ci</c>.</summary>
    public HttpClient As(string who)
    {
        if (who != "ci")
        {
            return ClientAs(who, Password);
        }

        var client = NewClient();
        client.DefaultRequestHeaders.Add("X-API-Key", ApiKey);
        return client;
    }
}
