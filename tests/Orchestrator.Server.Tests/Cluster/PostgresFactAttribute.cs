using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Cluster;

/// <summary>A test that needs a PostgreSQL server (several nodes share only PostgreSQL); skipped, saying so, on the SQLite run.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(TestDatabase.PostgresVariable)))
        {
            Skip = $"needs PostgreSQL: set {TestDatabase.PostgresVariable} to a connection string (.ci/run does)";
        }
    }
}
