namespace Orchestrator.Persistence.Store;

/// <summary>Settings of <see cref="DurableEngineStore"/>.</summary>
public sealed class DurableStoreOptions
{
    /// <summary>This node's id, 0 to 4094; keys carry it, so nodes sharing a database never make the same key. Default 0.</summary>
    public int NodeId { get; set; }

    /// <summary>How many keys to reserve from the database at a time. Default 10,000.</summary>
    public int KeyBlockSize { get; set; } = 10_000;

    /// <summary>The most commits written in one transaction. Default 2,000.</summary>
    public int MaxBatch { get; set; } = 2_000;
}
