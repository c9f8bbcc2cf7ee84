using System.Data.Common;

namespace Orchestrator.Persistence.Cluster;

/// <summary>
/// The change feed of a database several nodes share (PostgreSQL): every journal transaction appends the keys it wrote and
/// notifies the other nodes on <see cref="Channel"/> when it commits; a node reads the feed past what it has seen to
/// refresh those keys from the tables.
/// </summary>
public static class ChangeFeed
{
    /// <summary>The <c>LISTEN</c>/<c>NOTIFY</c> channel; a notification's payload is the writing node's id.</summary>
    public const string Channel = "orchestrator_changes";

    internal static async Task AppendAsync(DbConnection connection, DbTransaction transaction, int nodeId, ChangeKeys keys)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO changes (\"NodeId\", \"At\", \"Keys\") VALUES (@node, now(), @keys); SELECT pg_notify('" + Channel + "', @payload)";
        Add(command, "node", nodeId);
        Add(command, "keys", keys.ToJson());
        Add(command, "payload", nodeId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
