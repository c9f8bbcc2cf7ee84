using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Orchestrator.Persistence.Rows;
using Orchestrator.Persistence.Store;

namespace Orchestrator.Persistence.Cluster;

/// <summary>
/// This node's claim on a node id (the id every key it makes carries). On PostgreSQL the claim is a session advisory lock held on
/// a connection of its own for as long as the node lives: the database drops it the moment the process dies, so a restarted or
/// new node can claim the id at once, and two live nodes never hold the same one. On SQLite one server runs on a file: an
/// exclusive lock on a file beside it refuses a second process (and goes with the process that held it).
/// Each node also keeps a <see cref="ClusterNodeRow"/> saying where it answers, for the topology.
/// </summary>
public sealed class NodeRegistry : IAsyncDisposable
{
    /// <summary>
    /// The cluster protocol of this build: what nodes sharing a database assume of each other (the claims their commits carry,
    /// the change feed, catch-up, the tables they write). Raised whenever that changes; a node does not join live nodes of another
    /// protocol, nor migrate the database under them (<see cref="RefuseToMigrateUnderOthers"/>). 3: history kept in blocks.
    /// </summary>
    public const int Protocol = 3;

    private static readonly string LiveNodes = "SELECT n.* FROM cluster_nodes n WHERE " + IsLive("{0}");

    /// <summary>The advisory lock class of node ids (the other half of the two-key lock is the id).</summary>
    private const int NodeLockClass = 0x4F52_4E44;

    private readonly OrchestratorDatabase _database;
    private readonly NpgsqlConnection? _claim;
    private readonly FileStream? _file;
    private readonly SemaphoreSlim _claimGate = new(1, 1);

    private NodeRegistry(OrchestratorDatabase database, int nodeId, NpgsqlConnection? claim, FileStream? file)
    {
        _database = database;
        NodeId = nodeId;
        _claim = claim;
        _file = file;
    }

    /// <summary>The claimed node id.</summary>
    public int NodeId { get; }

    /// <summary>Whether several nodes may share the database (PostgreSQL).</summary>
    public bool Shared => _claim is not null;

    /// <summary>
    /// Before this node migrates a shared database: refuses when live nodes of another cluster protocol run on it — a migration
    /// for this build may take away what they write (a table, a column) and stop them mid-commit. A database without nodes yet,
    /// or from before nodes recorded their protocol (their live nodes count as protocol 0), is looked at the same way.
    /// </summary>
    /// <exception cref="InvalidOperationException">Such a node is live.</exception>
    public static void RefuseToMigrateUnderOthers(OrchestratorDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (database.Provider == DatabaseProvider.PostgreSql)
        {
            RefuseOtherProtocols(database, self: null, "nodes of different versions cannot share a database, and this build would migrate it under that node");
        }
    }

    /// <summary>
    /// Refuses when a live node other than <paramref name="self"/> runs another cluster protocol, saying <paramref name="why"/>. A live
    /// node whose row still shows another protocol may be one of this version that has claimed an id an older node had and not yet
    /// written its row: it is looked at again after a moment.
    /// </summary>
    private static void RefuseOtherProtocols(OrchestratorDatabase database, int? self, string why)
    {
        var other = LiveOtherProtocol(database, self);
        if (other is not null)
        {
            Thread.Sleep(TimeSpan.FromSeconds(2));
            other = LiveOtherProtocol(database, self);
        }

        if (other is { } node)
        {
            throw new InvalidOperationException($"node {node.NodeId} ({node.Host}:{node.Port}, started {node.StartedAt:O}) runs cluster protocol " +
                $"{node.Protocol} and this build runs {Protocol}: {why}; stop every node, then start the new version");
        }
    }

    /// <summary>Whether node <c>n</c> is live: its session holds the lock on its id (the lock class is <paramref name="lockClass"/>, a parameter).</summary>
    private static string IsLive(string lockClass) =>
        $"EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.classid::bigint = {lockClass} " +
        "AND l.objid::bigint = n.\"NodeId\" AND l.objsubid = 2 AND l.granted)";

    /// <summary>A live node other than <paramref name="self"/> of another protocol, read without the model (the database may be of an older version).</summary>
    private static (int NodeId, string Host, int Port, DateTimeOffset StartedAt, int Protocol)? LiveOtherProtocol(OrchestratorDatabase database, int? self)
    {
        using var connection = new NpgsqlConnection(database.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(
            "SELECT to_regclass('cluster_nodes') IS NOT NULL, EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() " +
            "AND table_name = 'cluster_nodes' AND column_name = 'Protocol')", connection);
        bool nodes, recorded;
        using (var reader = command.ExecuteReader())
        {
            reader.Read();
            (nodes, recorded) = (reader.GetBoolean(0), reader.GetBoolean(1));
        }

        if (!nodes)
        {
            return null;
        }

        var protocol = recorded ? "n.\"Protocol\"" : "0";
        using var live = new NpgsqlCommand(
            $"SELECT n.\"NodeId\", n.\"Host\", n.\"Port\", n.\"StartedAt\", {protocol} FROM cluster_nodes n WHERE {IsLive("@class")} " +
            $"AND {protocol} <> @protocol AND n.\"NodeId\" <> @self ORDER BY n.\"NodeId\" LIMIT 1",
            connection);
        live.Parameters.AddWithValue("class", (long)NodeLockClass);
        live.Parameters.AddWithValue("protocol", Protocol);
        live.Parameters.AddWithValue("self", self ?? -1);
        using var found = live.ExecuteReader();
        return found.Read()
            ? (found.GetInt32(0), found.GetString(1), found.GetInt32(2), found.GetFieldValue<DateTimeOffset>(3), found.GetInt32(4))
            : null;
    }

    /// <summary>Claims <paramref name="pinned"/>, or the lowest free id when null, and registers the node.</summary>
    /// <exception cref="InvalidOperationException">The pinned id is taken, every id is taken, or (SQLite) another server runs on the file.</exception>
    public static NodeRegistry Claim(OrchestratorDatabase database, int? pinned, string version)
    {
        ArgumentNullException.ThrowIfNull(database);
        NodeRegistry registry;
        if (database.Provider == DatabaseProvider.PostgreSql)
        {
            // Not pooled: closing it must end the session, and with it the claim.
            var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ConnectionString);
            connection.Open();
            try
            {
                registry = new NodeRegistry(database, ClaimId(database, connection, pinned), connection, null);
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }
        else
        {
            registry = new NodeRegistry(database, pinned ?? 0, null, LockFile(database.ConnectionString));
        }

        using var context = database.CreateContext();
        var row = context.ClusterNodes.Find(registry.NodeId);
        if (row is null)
        {
            context.ClusterNodes.Add(row = new ClusterNodeRow { NodeId = registry.NodeId, Host = "", Version = version });
        }

        row.Host = "";
        row.Port = 0;
        row.Version = version;
        row.StartedAt = DateTimeOffset.UtcNow;
        row.Protocol = Protocol;
        context.SaveChanges();
        if (registry.Shared)
        {
            try
            {
                // After writing this node's row: two nodes of one version starting together each see the other's.
                registry.RefuseOtherProtocols();
            }
            catch
            {
                registry.DisposeAsync().AsTask().GetAwaiter().GetResult();
                throw;
            }
        }

        return registry;
    }

    /// <summary>Records where this node answers (once the server listens).</summary>
    public async Task AnnounceAsync(string host, int port, CancellationToken cancellationToken)
    {
        await using var context = _database.CreateContext();
        if (await context.ClusterNodes.FindAsync([NodeId], cancellationToken).ConfigureAwait(false) is { } row)
        {
            row.Host = host;
            row.Port = port;
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>True while the claim holds (the claiming connection is alive); false means another node may take the id.</summary>
    public async Task<bool> HoldsAsync(CancellationToken cancellationToken)
    {
        if (_claim is null)
        {
            return true;
        }

        await _claimGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = new NpgsqlCommand(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid::bigint = @class AND objid::bigint = @id AND objsubid = 2 AND pid = pg_backend_pid() AND granted",
                _claim);
            command.Parameters.AddWithValue("class", (long)NodeLockClass);
            command.Parameters.AddWithValue("id", (long)NodeId);
            return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) ?? 0L) > 0;
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException or IOException)
        {
            return false;
        }
        finally
        {
            _claimGate.Release();
        }
    }

    /// <summary>The nodes alive now (on SQLite, this one), by id.</summary>
    public async Task<IReadOnlyList<ClusterNodeRow>> LiveNodesAsync(CancellationToken cancellationToken)
    {
        await using var context = _database.CreateContext();
        if (_claim is null)
        {
            return await context.ClusterNodes.AsNoTracking().Where(n => n.NodeId == NodeId).ToListAsync(cancellationToken).ConfigureAwait(false);
        }

        return await context.ClusterNodes.FromSqlRaw(LiveNodes, (long)NodeLockClass)
            .AsNoTracking().OrderBy(n => n.NodeId).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var context = _database.CreateContext();
            await context.ClusterNodes.Where(n => n.NodeId == NodeId).ExecuteDeleteAsync().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is DbException or InvalidOperationException)
        {
            // The database is gone: the row stays, and the topology leaves it out because nobody holds its id.
        }

        if (_claim is not null)
        {
            await _claim.DisposeAsync().ConfigureAwait(false);
        }

        if (_file is not null)
        {
            await _file.DisposeAsync().ConfigureAwait(false);
        }

        _claimGate.Dispose();
    }

    /// <summary>Refuses to join live nodes of another cluster protocol: their commits would not be checked the way this node's are.</summary>
    private void RefuseOtherProtocols() =>
        RefuseOtherProtocols(_database, NodeId, "nodes of different versions cannot share a database");

    private static int ClaimId(OrchestratorDatabase database, NpgsqlConnection connection, int? pinned)
    {
        if (pinned is { } id)
        {
            if (TryLock(connection, id))
            {
                return id;
            }

            using var context = database.CreateContext();
            var holder = context.ClusterNodes.AsNoTracking().FirstOrDefault(n => n.NodeId == id);
            throw new InvalidOperationException($"Engine:NodeId {id} is in use by another live node on this database" +
                (holder is null ? "" : $" ({holder.Host}:{holder.Port}, version {holder.Version}, started {holder.StartedAt:O})") +
                "; give this node another id, or leave Engine:NodeId unset to claim a free one");
        }

        for (var candidate = 0; candidate <= DurableStoreOptions.MaxNodeId; candidate++)
        {
            if (TryLock(connection, candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"every node id (0–{DurableStoreOptions.MaxNodeId}) is held by a live node on this database");
    }

    private static bool TryLock(NpgsqlConnection connection, int id)
    {
        using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@class, @id)", connection);
        command.Parameters.AddWithValue("class", NodeLockClass);
        command.Parameters.AddWithValue("id", id);
        return (bool)command.ExecuteScalar()!;
    }

    private static FileStream? LockFile(string connectionString)
    {
        var source = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (source.Length == 0 || source == ":memory:" || connectionString.Contains("mode=memory", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var path = Path.GetFullPath(source) + ".node";
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException exception)
        {
            throw new InvalidOperationException(
                $"another server runs on the SQLite database {Path.GetFullPath(source)} (it holds {path}); SQLite serves one node — use PostgreSQL for several", exception);
        }
    }
}
