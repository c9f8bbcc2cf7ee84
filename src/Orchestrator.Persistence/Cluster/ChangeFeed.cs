using System.Data.Common;
using Microsoft.EntityFrameworkCore;

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

    internal static async Task AppendAsync(DbConnection connection, DbTransaction? transaction, int nodeId, ChangeKeys keys)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO changes (\"NodeId\", \"At\", \"Keys\", \"Transaction\") VALUES (@node, now(), @keys, pg_current_xact_id()::text::bigint); " +
            "SELECT pg_notify('" + Channel + "', @payload)";
        Add(command, "node", nodeId);
        Add(command, "keys", keys.ToJson());
        Add(command, "payload", nodeId.ToString(System.Globalization.CultureInfo.InvariantCulture) + (keys.ClockChanged || keys.TouchesDefinitions ? DefinitionsMark : ""));
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    /// <summary>The horizon now: a reader that starts from it misses nothing committed after this call.</summary>
    internal static long Horizon(OrchestratorDbContext context) =>
        context.Database.SqlQueryRaw<long>("SELECT " + Xmin + " AS \"Value\"").AsEnumerable().First();

    /// <summary>The other nodes' rows written by transaction <paramref name="horizon"/> or later, in sequence order, and the horizon of this read.</summary>
    internal static (List<(long Sequence, long Transaction, string Keys)> Rows, long Horizon) Read(OrchestratorDbContext context, long horizon, int self)
    {
        var connection = context.Database.GetDbConnection();
        context.Database.OpenConnection();
        using var command = connection.CreateCommand();
        // One statement, one snapshot: the horizon it returns is that of the rows it read.
        command.CommandText = "SELECT x.h, c.\"Sequence\", c.\"Transaction\", c.\"Keys\" FROM (SELECT " + Xmin + " AS h) x " +
            "LEFT JOIN changes c ON c.\"Transaction\" >= @horizon AND c.\"NodeId\" <> @self ORDER BY c.\"Sequence\"";
        Add(command, "horizon", horizon);
        Add(command, "self", self);
        var rows = new List<(long, long, string)>();
        var next = horizon;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            next = reader.GetInt64(0);
            if (!reader.IsDBNull(1))
            {
                rows.Add((reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3)));
            }
        }

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
