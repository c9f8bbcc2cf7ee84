using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace Orchestrator.Persistence.Store;

/// <summary>
/// Writes a merged batch of rows with plain SQL built once from the EF Core model (<see cref="RowTables"/>): prepared
/// commands reused row after row on SQLite; on PostgreSQL a table's many new rows by binary COPY and the rest in one
/// batched round trip. EF Core's change tracking costs about ten times more per row and is the
/// bottleneck of the journal otherwise. Instance and message updates check the revision (optimistic concurrency).
/// </summary>
internal sealed class RowWriter(IModel model)
{
    /// <summary>How many new rows of one table PostgreSQL gets by COPY rather than as INSERTs.</summary>
    private const int CopyFrom = 48;

    private readonly RowTables _tables = RowTables.Of(model);

    /// <summary>
    /// Writes <paramref name="changes"/>, then <paramref name="also"/> (a statement whose affected rows are not checked, parameters
    /// <c>@p0</c>...): on PostgreSQL in the batch's one round trip.
    /// </summary>
    public async Task WriteAsync(DbConnection connection, DbTransaction transaction, IEnumerable<RowChange> changes, (string Sql, object[] Values)? also,
        CancellationToken cancellationToken)
    {
        var statements = changes.Select(Statement).ToList();
        if (connection is NpgsqlConnection postgres)
        {
            // Many new rows of a table go in with binary COPY: an order of magnitude less work for the server than one INSERT each.
            // A COPY costs two round trips of its own, though, so a few rows go in as INSERTs with the rest of the batch (the
            // smaller batches of several nodes sharing a database wrote most tables by COPY otherwise). Merged changes touch each
            // row once, and no table refers to another, so inserting before the rest of the batch changes nothing.
            var copied = statements.Where(s => s.Change.Op == RowOp.Insert).GroupBy(s => s.Change.Row.GetType()).Where(t => t.Count() >= CopyFrom).ToList();
            foreach (var table in copied)
            {
                await CopyAsync(postgres, _tables.Of(table.Key), table.Select(s => s.Values), cancellationToken).ConfigureAwait(false);
            }

            var types = copied.Select(t => t.Key).ToHashSet();
            statements.RemoveAll(s => s.Change.Op == RowOp.Insert && types.Contains(s.Change.Row.GetType()));
            if (statements.Count == 0 && also is null)
            {
                return;
            }
        }

        // The rows' statements, each checked for the rows it affected, then the one that is not.
        var commands = statements.Select(s => (s.Sql, s.Values, Types: (string[]?)s.Types)).ToList();
        if (also is var (alsoSql, alsoValues))
        {
            commands.Add((alsoSql, alsoValues, null));
        }

        if (connection.CanCreateBatch)
        {
            await using var batch = connection.CreateBatch();
            batch.Transaction = transaction;
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

            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < statements.Count; i++)
            {
                Check(statements[i], batch.BatchCommands[i].RecordsAffected);
            }

            return;
        }

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
                if (index < statements.Count)
                {
                    Check(statements[index], affected);
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

    private static async Task CopyAsync(NpgsqlConnection connection, RowTables.Table table, IEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        var columns = string.Join(", ", table.Columns.Select(c => c.Quoted));
        await using var import = await connection.BeginBinaryImportAsync($"COPY {table.Quoted} ({columns}) FROM STDIN (FORMAT BINARY)", cancellationToken)
            .ConfigureAwait(false);
        // Values go into Npgsql's write buffer synchronously (it sends whenever the buffer fills): an await for each of some
        // twenty thousand values a batch cost more than the writing, and the journal has this connection to itself.
        foreach (var values in rows)
        {
            import.StartRow();
            for (var i = 0; i < values.Length; i++)
            {
                if (values[i] is { } value)
                {
                    import.Write(value, table.Columns[i].StoreType);
                }
                else
                {
                    import.WriteNull();
                }
            }
        }

        await import.CompleteAsync(cancellationToken).ConfigureAwait(false);
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
