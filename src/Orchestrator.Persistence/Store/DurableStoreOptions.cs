namespace Orchestrator.Persistence.Store;

/// <summary>Settings of <see cref="DurableEngineStore"/>.</summary>
public sealed class DurableStoreOptions
{
    /// <summary>This node's id, 0 to <see cref="MaxNodeId"/>; keys carry it, so nodes sharing a database never make the same key. Default 0.</summary>
    public int NodeId { get; set; }

    /// <summary>The highest node id (the id above it numbers the history of a shared database).</summary>
    public const int MaxNodeId = 4093;

    /// <summary>
    /// Several nodes share the database (PostgreSQL): every transaction goes to the change feed, the store refreshes what
    /// other nodes changed (<see cref="DurableEngineStore.ReadCatchUp"/>), and history positions come from one counter of the
    /// cluster so that an instance's history stays in order whichever nodes wrote it. Default false.
    /// </summary>
    public bool Shared { get; set; }

    /// <summary>
    /// Whether start-up deletes the rows of buffered messages that expired while no node ran (they are never loaded, so no purge
    /// would see them). Only safe while no other node runs on the database: a running node may still hold them. Default true.
    /// </summary>
    public bool DeleteExpiredMessagesAtLoad { get; set; } = true;

    /// <summary>
    /// Whether each commit also writes the process events it tells (<see cref="ProcessEvents"/>) to the <c>event_outbox</c> table, in
    /// the same transaction, for a publisher to send to other systems. Default false.
    /// </summary>
    public bool RecordProcessEvents { get; set; }

    /// <summary>How many keys to reserve from the database at a time. Default 10,000.</summary>
    public int KeyBlockSize { get; set; } = 10_000;

    /// <summary>The most commits written in one transaction. Default 2,000.</summary>
    public int MaxBatch { get; set; } = 2_000;
}
