using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Orchestrator.Server.Health;

/// <summary>
/// Health endpoints for load balancers and orchestrators, open to anyone and never cached: <c>/health/live</c> (the process
/// answers; it checks nothing else, so a database outage does not get healthy nodes restarted), <c>/health/ready</c> (the
/// database is reachable and migrated; 503 otherwise, so traffic goes elsewhere) and <c>/health</c> (every check).
/// </summary>
public static class HealthExtensions
{
    /// <summary>The tag of the checks <c>/health/ready</c> runs.</summary>
    public const string ReadyTag = "ready";

    /// <summary>How long the database check may take before it counts as a failure (probes give up after a few seconds).</summary>
    public static readonly TimeSpan DatabaseTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Registers the health checks.</summary>
    public static WebApplicationBuilder AddOrchestratorHealth(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: [ReadyTag], timeout: DatabaseTimeout);
        return builder;
    }

    /// <summary>Maps <c>/health</c>, <c>/health/live</c> and <c>/health/ready</c>.</summary>
    public static WebApplication MapOrchestratorHealth(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks("/health");
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        return app;
    }
}
