using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace Orchestrator.Persistence.Store;

/// <summary>
/// Writes a merged batch of rows with plain SQL built once from the EF Core model (<see cref="RowTables"/>): prepared
/// commands reused row after row on SQLite; on PostgreSQL everything in one batched round trip, a table's new rows in one
/// INSERT from arrays. EF Core's change tracking costs about ten times more per row and is the
/// bottleneck of the journal otherwise. Instance and message updates check the revision (optimistic concurrency).
/// </summary>
internal sealed class RowWriter(IModel model)
{
    private readonly RowTables _tables = RowTables.Of(model);

    /// <summary>
    /// Writes <paramref name="changes"/>, then <paramref name="also"/> (a statement whose affected rows are not checked, parameters
    /// <c>@p0</c>...): on PostgreSQL in the batch's one round trip.
    /// </summary>
    public async Task WriteAsync(DbConnection connection, DbTransaction transaction, IEnumerable<RowChange> changes, (string Sql, object[] Values)? also,
        CancellationToken cancellationToken)
    {
        if (connection.CanCreateBatch)
        {
            await using var batch = connection.CreateBatch();
            batch.Transaction = transaction;
            var check = Add(batch, changes, also);
            if (batch.BatchCommands.Count > 0)
            {
                await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                check();
            }

            return;
        }

        var (commands, statements, first) = Commands(changes, also, postgres: false);
        var prepared = new Dictionary<string, DbCommand>(StringComparer.Ordinal);
        try
        {
            for (var index = 0; index < commands.Count; index++)
            {
                var (sql, values, _) = commands[index];
                if (!prepared.TryGetValue(sql, out var command))
                {
                    command = connection.CreateCommand();
                    command.Transaction = transaction;
                    command.CommandText = sql;
                    for (var i = 0; i < values.Length; i++)
                    {
                        var parameter = command.CreateParameter();
                        parameter.ParameterName = "@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                        command.Parameters.Add(parameter);
                    }

                    prepared[sql] = command;
                }

                for (var i = 0; i < values.Length; i++)
                {
                    command.Parameters[i].Value = values[i] ?? DBNull.Value;
                }

                var affected = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                if (index >= first && index - first < statements.Count)
                {
                    Check(statements[index - first], affected);
                }
            }
        }
        finally
        {
            foreach (var command in prepared.Values)
            {
                await command.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Adds the statements of <paramref name="changes"/>, then <paramref name="also"/>, to <paramref name="batch"/> (after what it
    /// holds); returns the check of the rows each affected, to call once the batch ran.
    /// </summary>
    public Action Add(DbBatch batch, IEnumerable<RowChange> changes, (string Sql, object[] Values)? also)
    {
        var (commands, statements, first) = Commands(changes, also, batch is NpgsqlBatch);
        var offset = batch.BatchCommands.Count;
        foreach (var (sql, values, types) in commands)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = sql;
            for (var i = 0; i < values.Length; i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                parameter.Value = values[i] ?? DBNull.Value;
                if (types is not null && parameter is NpgsqlParameter typed)
                {
                    // The column's own type, null or not: a null sent without one makes a statement of other parameter types,
                    // which Npgsql prepares again (and PostgreSQL plans again) each time a row's nulls differ from the last.
                    typed.DataTypeName = types[i];
                }

                command.Parameters.Add(parameter);
            }

            batch.BatchCommands.Add(command);
        }

        return () =>
        {
            for (var i = 0; i < statements.Count; i++)
            {
                Check(statements[i], batch.BatchCommands[offset + first + i].RecordsAffected);
            }
        };
    }

    /// <summary>The commands that write <paramref name="changes"/> then <paramref name="also"/>; the row statements, checked for the rows they affect, start at <c>First</c>.</summary>
    private (List<(string Sql, object?[] Values, string[]? Types)> Commands, List<(string Sql, object?[] Values, string[] Types, RowChange Change)> Statements, int First) Commands(
        IEnumerable<RowChange> changes, (string Sql, object[] Values)? also, bool postgres)
    {
        var statements = changes.Select(Statement).ToList();
        var commands = new List<(string Sql, object?[] Values, string[]? Types)>();
        if (postgres)
        {
            // A table's new rows go in with one INSERT from arrays (unnest), in the batch's round trip: far less work for the
            // server than an INSERT each, and no round trips of its own as a COPY has (two, plus the rows streamed: a third of a
            // two-node batch's time went to COPYing the history). Merged changes touch each row once, and no table refers to
            // another, so inserting before the rest of the batch changes nothing.
            var tables = statements.Where(s => s.Change.Op == RowOp.Insert).GroupBy(s => s.Change.Row.GetType()).Where(t => t.Count() > 1).ToList();
            foreach (var rows in tables)
            {
                var table = _tables.Of(rows.Key);
                commands.Add((table.InsertMany, table.InsertArrays([.. rows.Select(s => s.Values)]), table.InsertManyTypes));
            }

            var types = tables.Select(t => t.Key).ToHashSet();
            statements.RemoveAll(s => s.Change.Op == RowOp.Insert && types.Contains(s.Change.Row.GetType()));
        }

        // Then the rows' statements, each checked for the rows it affected, then the one that is not.
        var first = commands.Count;
        commands.AddRange(statements.Select(s => (s.Sql, s.Values, (string[]?)s.Types)));
        if (also is var (alsoSql, alsoValues))
        {
            commands.Add((alsoSql, alsoValues, null));
        }

        return (commands, statements, first);
    }

    private static void Check((string Sql, object?[] Values, string[] Types, RowChange Change) statement, int affected)
    {
        if (affected != 1 && statement.Change.Op != RowOp.Delete)
        {
            throw new DbUpdateConcurrencyException(
                $"{statement.Change.Op} of {statement.Change.Row.GetType().Name} {statement.Change.Id} touched {affected} rows: another node changed it (revision {statement.Change.ExpectedRevision})");
        }
    }

    private (string Sql, object?[] Values, string[] Types, RowChange Change) Statement(RowChange change)
    {
        var table = _tables.Of(change.Row.GetType());
        var row = change.Row;
        switch (change.Op)
        {
            case RowOp.Insert:
                return (table.Insert, Read(table.Columns), table.InsertTypes, change);
            case RowOp.Delete:
                return (table.Delete, Read(table.Keys), table.DeleteTypes, change);
            case RowOp.Update when change.ExpectedRevision is { } expected:
                return (table.UpdateChecked, [.. Read(table.NonKeys), .. Read(table.Keys), expected], table.UpdateCheckedTypes, change);
            case RowOp.Update:
                return (table.Update, [.. Read(table.NonKeys), .. Read(table.Keys)], table.UpdateTypes, change);
            default:
                var columns = change.Patched!.Select(name => table.NonKeys.First(c => c.Property == name)).ToList();
                var set = string.Join(", ", columns.Select((c, i) => $"{c.Quoted} = {RowTables.Parameter(i)}"));
                var where = string.Join(" AND ", table.Keys.Select((c, i) => $"{c.Quoted} = {RowTables.Parameter(columns.Count + i)}"));
                return ($"UPDATE {table.Quoted} SET {set} WHERE {where}", [.. Read(columns), .. Read(table.Keys)], [.. columns.Select(c => c.TypeName), .. table.DeleteTypes], change);
        }

        object?[] Read(IEnumerable<RowTables.Column> of) => of.Select(c => c.Read(row)).ToArray();
    }
}
