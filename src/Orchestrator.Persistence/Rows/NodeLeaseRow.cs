namespace Orchestrator.Persistence.Rows;

/// <summary>Which node runs the engine on this database, until when (renewed while it lives).</summary>
public sealed class NodeLeaseRow
{
    public required string Name { get; set; }
    public required string Holder { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}
