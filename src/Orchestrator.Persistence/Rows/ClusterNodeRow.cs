namespace Orchestrator.Persistence.Rows;

/// <summary>A server node that runs on this database: the node id it claimed (in every key it makes) and where it answers.</summary>
public sealed class ClusterNodeRow
{
    public int NodeId { get; set; }
    public required string Host { get; set; }
    public int Port { get; set; }
    public required string Version { get; set; }
    public DateTimeOffset StartedAt { get; set; }

    /// <summary>The cluster protocol the node runs (<see cref="Cluster.NodeRegistry.Protocol"/>); 0 for a node from before it was recorded.</summary>
    public int Protocol { get; set; }
}
