using Orchestrator.Persistence.Rows;

namespace Orchestrator.Persistence.Store;

/// <summary>
/// Keys unique across nodes and restarts: the node id in the top bits (as Zeebe puts its partition
/// there) and a counter reserved from the database a block at a time.
/// </summary>
internal sealed class KeyAllocator(Func<OrchestratorDbContext> contexts, int nodeId, int blockSize)
{
    private readonly long _prefix = (long)(nodeId + 1) << 51;
    private long _next;
    private long _limit;

    public long Next()
    {
        if (_next >= _limit)
        {
            Reserve();
        }

        return _prefix | _next++;
    }

    /// <summary>Gives up the rest of the reserved block: the next key comes from a new block (after those other nodes reserved meanwhile).</summary>
    public void Discard() => _next = _limit;

    private void Reserve()
    {
        using var context = contexts();
        var row = context.KeyBlocks.Find(nodeId);
        if (row is null)
        {
            row = new KeyBlockRow { NodeId = nodeId, Next = 1 };
            context.KeyBlocks.Add(row);
        }

        _next = row.Next;
        row.Next += blockSize;
        context.SaveChanges();
        _limit = row.Next;
    }
}
