using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Connectors.Customers;
using Orchestrator.Connectors.Notify;
using Orchestrator.Feel;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Workspace;

/// <summary>
/// A server that requires sign-in, with the shipped notification catalogue and a customers API that knows one customer:
/// an admin, an agent of group <c>agents</c> (alice) and one of group <c>finance</c> (carol).
/// </summary>
public sealed class WorkspaceFixture : ServerFixture
{
    public const string Password = "workspace-secret";

    /// <summary>The one customer the customers API knows.</summary>
    public const string KnownCustomer = "C-WS-1";

    protected override Dictionary<string, string?> Settings()
    {
        var hasher = new PasswordHasher<string>();
        var settings = base.Settings();
        settings["Auth:Anonymous"] = "false";
        foreach (var (user, role, group) in new[] { ("admin", "admin", ""), ("alice", "agent", "agents"), ("carol", "agent", "finance") })
        {
            settings[$"Auth:Users:{user}:PasswordHash"] = hasher.HashPassword(user, Password);
            settings[$"Auth:Users:{user}:Roles:0"] = role;
            if (group.Length > 0)
            {
                settings[$"Auth:Users:{user}:Groups:0"] = group;
            }
        }

        return settings;
    }

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton(new NotificationCatalogue(Path.Combine(Repository.Workflows, "notifications"), new FeelEngine()));
        services.AddSingleton<ICustomersApi, OneCustomer>();
    }

    /// <summary>A customers API that knows <see cref="KnownCustomer"/> only (404 for others, as the real one).</summary>
    private sealed class OneCustomer : ICustomersApi
    {
        public Task<Customer> GetCustomerAsync(string customerId, CancellationToken cancellationToken) => customerId == KnownCustomer
            ? Task.FromResult(new Customer(KnownCustomer, "Li Wei", "VIP", "trusted", 88, "zh-CN", "app", "CN"))
            : throw new HttpRequestException("404 Not Found", null, System.Net.HttpStatusCode.NotFound);

        public Task<CustomerTrust> LowerTrustAsync(string customerId, TrustEventRequest request, string idempotencyKey, CancellationToken cancellationToken) =>
            throw new NotSupportedException("the workspace only reads customers");
    }
}
