using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Orchestrator.Persistence.Cluster;

/// <summary>
/// The change feed of a database several nodes share (PostgreSQL): every journal transaction appends the keys it wrote and
/// notifies the other nodes on <see cref="Channel"/> when it commits; a node reads the feed past what it has seen to
/// refresh those keys from the tables. Nodes commit in parallel, so a row with a lower sequence may become visible after
/// one with a higher: a reader keeps the <em>horizon</em> of its last read — the oldest transaction still running then
/// (<c>pg_snapshot_xmin</c>) — and next reads every row written by that transaction or a later one. Every transaction
/// before the horizon had ended when it read, so nothing is missed; rows read twice are recognized by their sequence.
/// </summary>
public static class ChangeFeed
{
    /// <summary>
    /// The <c>LISTEN</c>/<c>NOTIFY</c> channel; a notification's payload is the writing node's id, followed by <see cref="DefinitionsMark"/>
    /// when the transaction deployed or undeployed something or pinned the clock.
    /// </summary>
    public const string Channel = "orchestrator_changes";

    /// <summary>Ends a notification's payload when definitions, forms, decisions or the clock changed (<see cref="Parse"/>).</summary>
    public const string DefinitionsMark = ":d";

    /// <summary>The writing node's id, and whether definitions or the clock changed, of a notification's payload.</summary>
    public static (string Node, bool Definitions) Parse(string payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return payload.EndsWith(DefinitionsMark, StringComparison.Ordinal) ? (payload[..^DefinitionsMark.Length], true) : (payload, false);
    }

    private const string Xmin = "pg_snapshot_xmin(pg_current_snapshot())::text::bigint";

    /// <summary>
    /// A query (one row) that has the rest of its transaction look rows up by index (<c>enable_seqscan</c> off): the catch-ups'
    /// and claim checks' lookups by arrays of keys. On a new database PostgreSQL plans them while the tables are small, takes a
    /// scan of the whole table for cheaper, and kept scanning it as the table grew until an analysis of the table (autovacuum: a
    /// minute or more later) made it plan again; planning each call instead cost more than a fifth of these statements' time
    /// and still followed statistics a minute old. Every lookup here has its index, so the plans PostgreSQL caches for prepared
    /// statements (<c>Max Auto Prepare</c>) are good from the first. Outside a transaction, the setting holds for the rest of the
    /// command (one implicit transaction): nothing is left on the pooled connection.
    /// </summary>
    internal const string ByIndex = "SELECT set_config('enable_seqscan', 'off', true)";

    /// <summary>Back to the configured choice between scans (<see cref="ByIndex"/>) for the rest of the transaction.</summary>
    internal const string AnyScan = "SET LOCAL enable_seqscan TO DEFAULT";

    /// <summary>
    /// The statement (parameters <c>@p0</c>, <c>@p1</c>) that adds the keys of what its transaction wrote to the feed, to run with the
    /// transaction's writes, and the payload to <see cref="NotifyAsync"/> once it committed.
    /// </summary>
    internal static ((string Sql, object[] Values) Append, string Payload) Append(int nodeId, ChangeKeys keys) =>
        (("INSERT INTO changes (\"NodeId\", \"At\", \"Keys\", \"Transaction\") VALUES (@p0, now(), @p1, pg_current_xact_id()::text::bigint)",
            [nodeId, keys.ToJson()]),
         nodeId.ToString(System.Globalization.CultureInfo.InvariantCulture) + (keys.ClockChanged || keys.TouchesDefinitions ? DefinitionsMark : ""));

    /// <summary>Adds the keys of what <paramref name="transaction"/> wrote to the feed; returns the payload to <see cref="NotifyAsync"/> once it committed.</summary>
    internal static async Task<string> AppendAsync(DbConnection connection, DbTransaction? transaction, int nodeId, ChangeKeys keys)
    {
        var ((sql, values), payload) = Append(nodeId, keys);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 0; i < values.Length; i++)
        {
            Add(command, "p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), values[i]);
        }

        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        return payload;
    }

    /// <summary>
    /// The statement (parameter <c>@payload</c>) that tells the listening nodes that a transaction appended to the feed, after it
    /// committed and in a transaction of its own: PostgreSQL holds one lock across all databases from a notifying transaction's
    /// commit until its end, so a NOTIFY inside the journal's transactions would put every node's commits (and their flushes to
    /// disk) in one line. The notification's own commit does not wait for the disk (a notification is not kept over a restart
    /// anyway). When it fails, or the node stops between the commit and the notification, the others read the feed at their
    /// periodic catch-up.
    /// </summary>
    private const string NotifySql = "SELECT set_config('synchronous_commit', 'off', true), pg_notify('" + Channel + "', @payload)";

    /// <summary>Tells the listening nodes that a transaction that committed appended to the feed (<see cref="NotifySql"/>).</summary>
    internal static async Task NotifyAsync(DbConnection connection, string payload)
    {
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = NotifySql;
            Add(command, "payload", payload);
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        catch (DbException)
        {
            // Written already: the notification only makes the other nodes read it sooner.
        }
    }

    /// <summary>
    /// Commits <paramref name="transaction"/> and then tells the listening nodes (<see cref="NotifySql"/>, in a transaction of its
    /// own after the commit) in one round trip: a round trip of its own for each group commit's notification cost a loaded node
    /// about a twentieth of its CPU. Npgsql follows the end of the transaction from the server's answer (the transaction object
    /// then has nothing to roll back). A failed commit sends no notification and throws; a failed notification after the commit
    /// is let go, as in <see cref="NotifyAsync"/>.
    /// </summary>
    internal static async Task CommitAndNotifyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string payload)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        var commit = AddCommit(batch, payload);
        try
        {
            await batch.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        catch (DbException) when (Committed(commit))
        {
            // Only the notification failed, or the connection after it (the next batch opens a new one).
        }
    }

    /// <summary>
    /// Adds the transaction's COMMIT to <paramref name="batch"/>, and after it the notification of <paramref name="payload"/> (if
    /// any; <see cref="NotifySql"/>); returns the COMMIT's command, to tell with <see cref="Committed"/> whether it completed when
    /// the batch failed.
    /// </summary>
    internal static NpgsqlBatchCommand AddCommit(NpgsqlBatch batch, string? payload)
    {
        var commit = new NpgsqlBatchCommand("COMMIT");
        batch.BatchCommands.Add(commit);
        if (payload is not null)
        {
            var notify = new NpgsqlBatchCommand(NotifySql);
            notify.Parameters.Add(new NpgsqlParameter("payload", payload));
            batch.BatchCommands.Add(notify);
        }

        return commit;
    }

    /// <summary>
    /// Whether the server completed <paramref name="commit"/> (a command has a type only once the server answered it). The batch
    /// has no error barriers (Npgsql's default): after a failed statement the server skips the rest, the COMMIT included.
    /// </summary>
    internal static bool Committed(NpgsqlBatchCommand commit) => commit.StatementType != StatementType.Unknown;

    /// <summary>The horizon now: a reader that starts from it misses nothing committed after this call.</summary>
    internal static long Horizon(OrchestratorDbContext context) =>
        context.Database.SqlQueryRaw<long>("SELECT " + Xmin + " AS \"Value\"").AsEnumerable().First();

    /// <summary>The other nodes' rows written by transaction <paramref name="horizon"/> or later, in sequence order, and the horizon of this read.</summary>
    internal static (List<(long Sequence, long Transaction, string Keys)> Rows, long Horizon) Read(OrchestratorDbContext context, long horizon, int self)
    {
        var connection = context.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            context.Database.OpenConnection();
        }

        using var command = connection.CreateCommand();
        // Lookups by index, then one statement, one snapshot: the horizon it returns is that of the rows it read. Sorted here:
        // ordered in SQL, the rows could be read along the sequence's index, the whole of it, rather than the transaction's.
        command.CommandText = ByIndex + "; " +
            "SELECT x.h, c.\"Sequence\", c.\"Transaction\", c.\"Keys\" FROM (SELECT " + Xmin + " AS h) x " +
            "LEFT JOIN changes c ON c.\"Transaction\" >= @horizon AND c.\"NodeId\" <> @self";
        Add(command, "horizon", horizon);
        Add(command, "self", self);
        var rows = new List<(long, long, string)>();
        var next = horizon;
        using var reader = command.ExecuteReader();
        reader.NextResult();
        while (reader.Read())
        {
            next = reader.GetInt64(0);
            if (!reader.IsDBNull(1))
            {
                rows.Add((reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3)));
            }
        }

        rows.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return (rows, next);
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
