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
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, UpdateShape> _shapes = new(StringComparer.Ordinal);

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

        var (commands, checks) = Commands(changes, also, postgres: false);
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
                if (checks.TryGetValue(index, out var check))
                {
                    check.Check(affected);
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
    /// holds); returns the check of the rows each affected, to call once the batch ran. With <paramref name="asserting"/>
    /// (PostgreSQL) the statements check the rows they affected themselves, failing the transaction (<see cref="Cluster.ClaimCheck.BrokenFunction"/>)
    /// rather than leaving it to the check: the batch may commit in the same round trip.
    /// </summary>
    public Action Add(DbBatch batch, IEnumerable<RowChange> changes, (string Sql, object[] Values)? also, bool asserting = false)
    {
        var (commands, checks) = Commands(changes, also, batch is NpgsqlBatch);
        var offset = batch.BatchCommands.Count;
        if (asserting)
        {
            foreach (var (index, (rows, _)) in checks)
            {
                var (sql, values, types) = commands[index];
                commands[index] = (
                    $"WITH w AS ({sql} RETURNING 1) SELECT {Cluster.ClaimCheck.BrokenFunction}('rows written') FROM (SELECT count(*) AS n FROM w) c " +
                    $"WHERE c.n <> {RowTables.Parameter(values.Length)}",
                    [.. values, rows], types is null ? null : [.. types, "integer"]);
            }

            checks.Clear();
        }

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
            foreach (var (index, (_, check)) in checks)
            {
                check(batch.BatchCommands[offset + index].RecordsAffected);
            }
        };
    }

    /// <summary>
    /// The commands that write <paramref name="changes"/> then <paramref name="also"/>, with the rows each must affect and the
    /// check of that (by the command's index) for those that change existing rows.
    /// </summary>
    private (List<(string Sql, object?[] Values, string[]? Types)> Commands, Dictionary<int, (int Rows, Action<int> Check)> Checks) Commands(
        IEnumerable<RowChange> changes, (string Sql, object[] Values)? also, bool postgres)
    {
        var statements = changes.Select(Statement).ToList();
        var commands = new List<(string Sql, object?[] Values, string[]? Types)>();
        var checks = new Dictionary<int, (int, Action<int>)>();
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

            // Likewise a table's updates of the same columns: one UPDATE from arrays joined to the rows by key, instead of some forty
            // single-row statements a batch, each with its own parameters to send and its own execution on the server. Looked
            // up by key only (the planner, statistics a minute old on a growing table, might otherwise scan it whole).
            // Deletes too, unchecked as one at a time.
            var updates = statements.Where(s => s.Change.Op != RowOp.Insert).GroupBy(s => s.Sql).Where(g => g.Count() > 1).ToList();
            if (updates.Count > 0)
            {
                commands.Add((Cluster.ChangeFeed.ByIndex, [], null));
                foreach (var group in updates)
                {
                    var rows = group.ToList();
                    var shape = ShapeOf(rows[0]);
                    if (rows[0].Change.Op != RowOp.Delete)
                    {
                        checks[commands.Count] = (rows.Count, affected => CheckAll(rows, affected));
                    }

                    commands.Add((shape.ArraySql, shape.Arrays([.. rows.Select(r => r.Values)]), shape.ArrayTypes));
                }

                commands.Add((Cluster.ChangeFeed.AnyScan, [], null));
                var grouped = updates.Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
                statements.RemoveAll(s => s.Change.Op != RowOp.Insert && grouped.Contains(s.Sql));
            }
        }

        // Then the rows' other statements, updates checked for the rows they affected (an insert adds its row or fails, a delete
        // is not checked), then the one that is not.
        foreach (var statement in statements)
        {
            if (statement.Change.Op is RowOp.Update or RowOp.Patch)
            {
                checks[commands.Count] = (1, affected => Check(statement, affected));
            }

            commands.Add((statement.Sql, statement.Values, statement.Types));
        }

        if (also is var (alsoSql, alsoValues))
        {
            commands.Add((alsoSql, alsoValues, null));
        }

        return (commands, checks);
    }

    private static void Check(RowStatement statement, int affected)
    {
        if (affected != 1)
        {
            throw new DbUpdateConcurrencyException(
                $"{statement.Change.Op} of {statement.Change.Row.GetType().Name} {statement.Change.Id} touched {affected} rows: another node changed it (revision {statement.Change.ExpectedRevision})");
        }
    }

    /// <summary>The check of an update from arrays: every row it was given, each once (merged changes touch a row once).</summary>
    private static void CheckAll(List<RowStatement> rows, int affected)
    {
        if (affected != rows.Count)
        {
            throw new DbUpdateConcurrencyException(
                $"updates of {rows.Count} {rows[0].Change.Row.GetType().Name} rows ({string.Join(", ", rows.Take(10).Select(r => r.Change.Id))}{(rows.Count > 10 ? ", …" : "")}) " +
                $"touched {affected}: another node changed one of them");
        }
    }

    private RowStatement Statement(RowChange change)
    {
        var table = _tables.Of(change.Row.GetType());
        var row = change.Row;
        switch (change.Op)
        {
            case RowOp.Insert:
                return new(table.Insert, Read(table.Columns), table.InsertTypes, change);
            case RowOp.Delete:
                return new(table.Delete, Read(table.Keys), table.DeleteTypes, change);
            case RowOp.Update when change.ExpectedRevision is { } expected:
                return new(table.UpdateChecked, [.. Read(table.NonKeys), .. Read(table.Keys), expected], table.UpdateCheckedTypes, change);
            case RowOp.Update:
                return new(table.Update, [.. Read(table.NonKeys), .. Read(table.Keys)], table.UpdateTypes, change);
            default:
                var columns = PatchedColumns(table, change);
                var set = string.Join(", ", columns.Select((c, i) => $"{c.Quoted} = {RowTables.Parameter(i)}"));
                // A change that read a revision is checked against it, as a whole row's update is.
                RowTables.Column[] matched = change.ExpectedRevision is null ? table.Keys : [.. table.Keys, table.Revision!];
                var where = string.Join(" AND ", matched.Select((c, i) => $"{c.Quoted} = {RowTables.Parameter(columns.Length + i)}"));
                object?[] values = change.ExpectedRevision is { } before ? [.. Read(columns), .. Read(table.Keys), before] : [.. Read(columns), .. Read(table.Keys)];
                return new($"UPDATE {table.Quoted} SET {set} WHERE {where}", values, [.. columns.Select(c => c.TypeName), .. matched.Select(c => c.TypeName)], change);
        }

        object?[] Read(IEnumerable<RowTables.Column> of) => of.Select(c => c.Read(row)).ToArray();
    }

    private static RowTables.Column[] PatchedColumns(RowTables.Table table, RowChange change) =>
        [.. change.Patched!.Select(name => table.NonKeys.First(c => c.Property == name))];

    /// <summary>
    /// The shape of the update or delete <paramref name="statement"/>, the same for every statement of its SQL: built once per
    /// SQL, and asked for once per group of rows (not per row).
    /// </summary>
    private UpdateShape ShapeOf(RowStatement statement) => _shapes.GetOrAdd(statement.Sql, _ =>
    {
        var change = statement.Change;
        var table = _tables.Of(change.Row.GetType());
        return change.Op switch
        {
            RowOp.Delete => new UpdateShape(table, null, null),
            RowOp.Update => new UpdateShape(table, table.NonKeys, change.ExpectedRevision is null ? null : table.Revision),
            _ => new UpdateShape(table, PatchedColumns(table, change), change.ExpectedRevision is null ? null : table.Revision),
        };
    });

    /// <summary>One row's statement: its SQL and parameters with their types, and the change it writes.</summary>
    private sealed record RowStatement(string Sql, object?[] Values, string[] Types, RowChange Change);

    /// <summary>
    /// An update's or a delete's parameters in order — the columns an update sets, the keys, the revision it expects (if any) —
    /// and the same statement for many rows at once, each parameter an array of one of those (PostgreSQL).
    /// </summary>
    private sealed class UpdateShape
    {
        private readonly RowTables.Column[] _parameters;

        /// <param name="table">The table.</param>
        /// <param name="set">The columns an update sets; null for a delete.</param>
        /// <param name="revision">The revision an update expects, if any.</param>
        public UpdateShape(RowTables.Table table, RowTables.Column[]? set, RowTables.Column? revision)
        {
            var assigned = set ?? [];
            _parameters = [.. assigned, .. table.Keys, .. revision is null ? [] : new[] { revision }];
            // Each key is also matched against its whole array (ANY), which the table's index answers: the plan PostgreSQL caches
            // for this statement may join the rows to the arrays by hashing or merging (chosen while the table was small, as on
            // a new database), and without it such a plan reads the table's whole index on every call.
            var match = table.Keys.Select((c, i) => $"t.{c.Quoted} = u.c{assigned.Length + i} AND t.{c.Quoted} = ANY({RowTables.Parameter(assigned.Length + i)})").ToList();
            if (revision is not null)
            {
                match.Add($"t.{revision.Quoted} = u.c{_parameters.Length - 1}");
            }

            var rows = $"unnest({string.Join(", ", _parameters.Select((_, i) => RowTables.Parameter(i)))}) " +
                $"AS u({string.Join(", ", _parameters.Select((_, i) => "c" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)))})";
            ArraySql = set is null
                ? $"DELETE FROM {table.Quoted} AS t USING {rows} WHERE {string.Join(" AND ", match)}"
                : $"UPDATE {table.Quoted} AS t SET {string.Join(", ", set.Select((c, i) => $"{c.Quoted} = u.c{i}"))} FROM {rows} WHERE {string.Join(" AND ", match)}";
            ArrayTypes = [.. _parameters.Select(c => c.TypeName + "[]")];
        }

        /// <summary>The statement for many rows, from one array per parameter (<see cref="Arrays"/>).</summary>
        public string ArraySql { get; }

        /// <summary>The types of <see cref="ArraySql"/>'s parameters, in order.</summary>
        public string[] ArrayTypes { get; }

        /// <summary><see cref="ArraySql"/>'s parameters for rows whose single-row parameters are <paramref name="rows"/>.</summary>
        public object[] Arrays(IReadOnlyList<object?[]> rows) => RowTables.Arrays(_parameters, rows);
    }
}
