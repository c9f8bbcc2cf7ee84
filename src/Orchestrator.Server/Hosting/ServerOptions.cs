namespace Orchestrator.Server.Hosting;

/// <summary>The server's <c>Engine</c> and <c>Database</c> settings.</summary>
public sealed class ServerOptions
{
    /// <summary><c>Database:Provider</c>: <c>Sqlite</c> (default) or <c>PostgreSql</c>.</summary>
    public Persistence.DatabaseProvider Provider { get; set; } = Persistence.DatabaseProvider.Sqlite;

    /// <summary><c>ConnectionStrings:Orchestrator</c>; default a SQLite file <c>./data/orchestrator.db</c> under the working directory.</summary>
    public string? ConnectionString { get; set; }

    /// <summary><c>Engine:ClockControl</c>: allow <c>PUT /v2/clock</c> (default false).</summary>
    public bool ClockControl { get; set; }

    /// <summary><c>Engine:NodeId</c>: pins this node's id in keys, 0–4093; unset, a node claims the lowest id no live node holds (on SQLite, 0).</summary>
    public int? NodeId { get; set; }

    /// <summary><c>Workflows:Path</c>: the folder whose models are deployed at start-up (default a published build's shipped <c>workflows</c>, else the nearest <c>workflows</c> folder above the working directory).</summary>
    public string? WorkflowsPath { get; set; }
}
