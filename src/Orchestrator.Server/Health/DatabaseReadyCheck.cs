using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orchestrator.Persistence;

namespace Orchestrator.Server.Health;

/// <summary>Ready when the database answers and every migration this build knows is applied to it.</summary>
public sealed class DatabaseReadyCheck(OrchestratorDatabase database) : IHealthCheck
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = database.CreateContext();
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).ToList();
            return pending.Count == 0
                ? HealthCheckResult.Healthy($"{database.Provider} reachable, migrations applied")
                : HealthCheckResult.Unhealthy($"{database.Provider} reachable, {pending.Count} migrations not applied: {string.Join(", ", pending)}");
        }
        catch (DbException exception)
        {
            return HealthCheckResult.Unhealthy($"{database.Provider} unreachable", exception);
        }
    }
}
