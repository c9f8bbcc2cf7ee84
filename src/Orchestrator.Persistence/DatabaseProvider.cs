namespace Orchestrator.Persistence;

/// <summary>Which database holds the state.</summary>
public enum DatabaseProvider
{
    /// <summary>An embedded SQLite file (the default).</summary>
    Sqlite,

    /// <summary>A PostgreSQL server (production; several nodes may share it).</summary>
    PostgreSql,
}
