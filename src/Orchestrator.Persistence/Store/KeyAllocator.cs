using Microsoft.EntityFrameworkCore;

namespace Orchestrator.Persistence.Store;

/// <summary>
/// Keys unique across nodes and restarts: the node id in the top bits (as Zeebe puts its partition
/// there) and a counter reserved from the database a block at a time.
/// </summary>
internal sealed class KeyAllocator(Func<OrchestratorDbContext> contexts, int nodeId, int blockSize)
{
    /// <summary>Where a key's node bits start.</summary>
    public const int NodeShift = 51;
    private readonly long _prefix = Owner(nodeId) << NodeShift;

    /// <summary>Whether node <paramref name="nodeId"/> made <paramref name="key"/>.</summary>
    public static bool IsOf(long key, int nodeId) => key >> NodeShift == Owner(nodeId);

    /// <summary>The top bits (from <see cref="NodeShift"/>) of the keys node <paramref name="nodeId"/> makes.</summary>
    public static long Owner(int nodeId) => nodeId + 1L;
    private long _next;
    private long _limit;

    /// <summary>How many blocks were reserved so far.</summary>
    public long Blocks { get; private set; }

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
        // One statement reads and moves the counter: nodes sharing a counter (history positions) never get the same block.
        using var context = contexts();
        context.Database.ExecuteSql($"INSERT INTO key_blocks (\"NodeId\", \"Next\") VALUES ({nodeId}, 1) ON CONFLICT DO NOTHING");
        var limit = context.Database
            .SqlQuery<long>($"UPDATE key_blocks SET \"Next\" = \"Next\" + {blockSize} WHERE \"NodeId\" = {nodeId} RETURNING \"Next\" AS \"Value\"")
            .AsEnumerable().First();
        _next = limit - blockSize;
        _limit = limit;
        Blocks++;
    }
}
