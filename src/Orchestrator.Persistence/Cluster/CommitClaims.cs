using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Orchestrator.Persistence.Cluster;

/// <summary>
/// What one commit of a node sharing its database assumed about the state (optimistic concurrency): the revision of every
/// existing instance it changed, and for each predicate it read (the subscriptions and buffered messages of a message name and
/// correlation key, a message id, the message-started instances of a correlation key, the latest version of a process it started)
/// the other nodes' rows it knew. The
/// journal checks them in the commit's transaction, under row locks on the instances and transaction locks on the predicates
/// taken in key order, and leaves out a commit whose assumptions no longer hold, with every later commit that built on it.
/// </summary>
internal sealed class CommitClaims
{
    /// <summary>Existing instances the commit changed (directly or through their jobs, tasks, incidents or subscriptions): the revision the database must still hold.</summary>
    public Dictionary<long, long> Revisions { get; } = [];

    /// <summary>Instances the commit created (revision 1 once written).</summary>
    public HashSet<long> Created { get; } = [];

    /// <summary>What later commits may build on: instances (new ones too), predicates and definitions the commit wrote.</summary>
    public HashSet<long> Writes { get; } = [];

    /// <summary>Definitions the commit started or migrated instances to: they must still be deployed (a commit that deployed one and was left out takes them along).</summary>
    public HashSet<long> Reads { get; } = [];

    /// <summary>Definitions the commit undeployed: the claim is that no instance of them exists (another node may have just started one).</summary>
    public HashSet<long> Removes { get; } = [];

    /// <summary>The predicates the commit read or changed, each with the rows of other nodes it knew.</summary>
    public Dictionary<long, Predicate> Predicates { get; } = [];

    /// <summary>The engine's time of the commit (buffered messages that expired by then do not count).</summary>
    public DateTimeOffset Now { get; set; }

    /// <summary>The predicates later commits may build on (not the read-only <see cref="PredicateKind.LatestVersion"/>).</summary>
    public IEnumerable<long> Guarded => Predicates.Values.Where(p => p.Locked).Select(p => p.Hash);

    /// <summary>What a commit left out makes stale for the commits after it: the instances it wrote or raised the revision of, and the predicates it guarded.</summary>
    public IEnumerable<long> Changed => Writes.Concat(Revisions.Keys).Concat(Guarded);

    /// <summary>Whether the commit depends on anything in <paramref name="stale"/>.</summary>
    public bool Touches(IReadOnlySet<long> stale) =>
        stale.Count > 0 && (Writes.Overlaps(stale) || Reads.Overlaps(stale) || Guarded.Any(stale.Contains));
}

/// <summary>What a predicate covers.</summary>
internal enum PredicateKind
{
    /// <summary>Message subscriptions and buffered messages of a message name (<see cref="Predicate.First"/>) and correlation key.</summary>
    Message,

    /// <summary>Buffered messages with a message id.</summary>
    MessageId,

    /// <summary>Active instances of a process id (<see cref="Predicate.First"/>) started by a message with a correlation key.</summary>
    MessageStart,

    /// <summary>
    /// A timer start event's subscription (key in <see cref="Predicate.First"/>) still due at the instant in <see cref="Predicate.Second"/>
    /// (epoch milliseconds): it matches (as an unknown row) when the subscription is gone or was moved.
    /// </summary>
    StartTimer,

    /// <summary>
    /// The versions of a process id (<see cref="Predicate.First"/>) above the one in <see cref="Predicate.Second"/>: a commit that
    /// started an instance of the latest version it knew claims that no later one was deployed (by another node) meanwhile. A
    /// later version matches as an unknown row. Only read, never written by the commit: it takes no lock.
    /// </summary>
    LatestVersion,
}

/// <summary>A predicate a commit read, and the keys of the rows other nodes wrote that it knew to match.</summary>
internal sealed record Predicate(PredicateKind Kind, string First, string? Second)
{
    /// <summary>The predicate's lock key (also its key among the writes).</summary>
    public long Hash { get; } = HashOf(Kind, First, Second);

    /// <summary>Whether commits that write what the predicate covers take its transaction lock (all but <see cref="PredicateKind.LatestVersion"/>).</summary>
    public bool Locked => Kind != PredicateKind.LatestVersion;

    /// <summary>Matching rows of other nodes the committing node knew.</summary>
    public HashSet<long> Known { get; } = [];

    /// <summary>For a message id: the node knew a message with it, so any row with the id holds (the command saw it taken).</summary>
    public bool AnyKnown { get; set; }

    private static long HashOf(PredicateKind kind, string first, string? second)
    {
        var text = $"{(int)kind}\u001f{first}\u001f{second}";
        return BinaryPrimitives.ReadInt64LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
