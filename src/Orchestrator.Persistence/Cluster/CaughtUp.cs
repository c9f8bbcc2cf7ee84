using Orchestrator.Engine.State;

namespace Orchestrator.Persistence.Cluster;

/// <summary>What a catch-up found other nodes did, for this node's waiters: long-polls, <c>awaitCompletion</c>, task lists.</summary>
public sealed class CaughtUp
{
    /// <summary>Nothing new.</summary>
    public static CaughtUp Nothing { get; } = new();

    /// <summary>Types of this node's jobs that became activatable (another node failed one, or its lease there ran out).</summary>
    public HashSet<string> JobTypes { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Types of other nodes' jobs that became activatable: a long poll here takes them only once they have waited
    /// <see cref="Store.DurableEngineStore.ForeignJobDelay"/> (their own node's workers come first), so it is woken then.
    /// </summary>
    public HashSet<string> ForeignJobTypes { get; } = new(StringComparer.Ordinal);

    /// <summary>Timers another node created or moved, with their due dates (clock-controlled timer loops follow them).</summary>
    public List<(long Key, DateTimeOffset Due)> Timers { get; } = [];

    /// <summary>Timers another node ended.</summary>
    public List<long> EndedTimers { get; } = [];

    /// <summary>User tasks another node created.</summary>
    public List<UserTask> CreatedTasks { get; } = [];

    /// <summary>Whether another node pinned or reset the cluster's clock (to <see cref="ClockPinned"/>).</summary>
    public bool ClockChanged { get; set; }

    /// <summary>The pinned clock (epoch milliseconds), or null for the system clock, when <see cref="ClockChanged"/>.</summary>
    public long? ClockPinned { get; set; }
}
