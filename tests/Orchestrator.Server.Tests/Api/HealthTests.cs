using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orchestrator.Persistence;
using Orchestrator.Server.Health;

namespace Orchestrator.Server.Tests.Api;

/// <summary>
/// The probes of load balancers and Kubernetes, on a server that requires sign-in: <c>/health/live</c> answers while the
/// process does, <c>/health/ready</c> only while the database is reachable and migrated.
/// </summary>
public sealed class HealthTests(AuthFixture server) : IClassFixture<AuthFixture>
{
    [Theory]
    [InlineData("/health")]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task A_probe_without_credentials_is_answered_healthy_and_not_cached(string path)
    {
        var response = await server.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        Assert.True(response.Headers.CacheControl?.NoCache, $"{path} may be cached");
    }

    [Fact]
    public async Task Ready_is_503_while_a_migration_is_not_applied_and_live_stays_200()
    {
        var database = server.Services.GetRequiredService<OrchestratorDatabase>();
        string latest;
        await using (var context = database.CreateContext())
        {
            latest = (await context.Database.GetAppliedMigrationsAsync()).Max(StringComparer.Ordinal)!;
            await context.Database.ExecuteSqlAsync($"DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = {latest}");
        }

        try
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await server.Client.GetAsync("/health/ready")).StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await server.Client.GetAsync("/health")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/health/live")).StatusCode);
        }
        finally
        {
            await using var context = database.CreateContext();
            await context.Database.ExecuteSqlAsync(
                $"INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\") VALUES ({latest}, {typeof(DbContext).Assembly.GetName().Version!.ToString(3)})");
        }

        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task The_database_check_is_unhealthy_when_the_database_cannot_be_reached()
    {
        // Nothing listens on port 1: the connection is refused at once.
        var check = new DatabaseReadyCheck(new OrchestratorDatabase(DatabaseProvider.PostgreSql, "Host=127.0.0.1;Port=1;Timeout=2;Username=nobody;Database=nothing"));

        var result = await check.CheckHealthAsync(new HealthCheckContext
        {
            Registration = new HealthCheckRegistration("database", check, HealthStatus.Unhealthy, null),
        });

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal("PostgreSql unreachable", result.Description);
        Assert.NotNull(result.Exception);
    }
}
