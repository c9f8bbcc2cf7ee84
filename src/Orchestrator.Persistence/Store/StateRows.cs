using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Orchestrator.Persistence.Cluster;
using Orchestrator.Persistence.Rows;

namespace Orchestrator.Persistence.Store;

/// <summary>
/// The rows of engine state behind a set of keys, read in one go so that a catch-up reads while commands run and only puts them
/// into memory under the engine's lock. Each kind is read only when some of its keys changed.
/// </summary>
internal sealed class StateRows
{
    public required Dictionary<long, ProcessInstanceRow> Instances { get; init; }
    public required ILookup<long, VariableRow> Variables { get; init; }
    public required ILookup<long, VariableRow> EndedVariables { get; init; }
    public required List<JobRow> Jobs { get; init; }
    public required List<UserTaskRow> Tasks { get; init; }
    public required List<IncidentRow> Incidents { get; init; }
    public required List<SubscriptionRow> Subscriptions { get; init; }
    public required Dictionary<long, MessageRow> Messages { get; init; }

    /// <summary>
    /// Reads the rows behind <paramref name="keys"/> in one command (one round trip), with the SQL and accessors of
    /// <see cref="RowTables"/> rather than EF Core's queries: a busy node catches up dozens of times a second, and building,
    /// looking up and running up to eight LINQ queries each time (and the change tracker they need) cost more than reading the rows.
    /// </summary>
    public static StateRows Read(OrchestratorDbContext context, ChangeKeys keys)
    {
        var tables = RowTables.Of(context.Model);
        var connection = context.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            context.Database.OpenConnection();
        }

        using var command = connection.CreateCommand();
        command.Transaction = context.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandTimeout = context.Database.GetCommandTimeout() ?? command.CommandTimeout;
        var statements = new List<string>();
        var instances = tables.Of(typeof(ProcessInstanceRow));
        var variables = tables.Of(typeof(VariableRow));
        var elements = tables.Of(typeof(ElementInstanceRow));
        if (keys.Instances.Count > 0)
        {
            var of = KeySet(command, keys.Instances);
            statements.Add($"SELECT {instances.Select("i")} FROM {instances.Quoted} i WHERE i.{instances["Key"]}{of}");
            // The state is not compared in SQL: PostgreSQL, its statistics a minute old on a growing table, took a state of ACTIVE
            // for rare and read the whole of the one index that holds it (its third column) on each catch-up. Narrowed by instance
            // on both sides and to element instances without an end date (which no index holds; an active one has none), the
            // join reads a few rows; the state is compared here.
            statements.Add($"SELECT {variables.Select("v")}, e.{elements["State"]} FROM {variables.Quoted} v " +
                $"JOIN {elements.Quoted} e ON e.{elements["Key"]} = v.{variables["ScopeKey"]} " +
                $"WHERE v.{variables["ProcessInstanceKey"]}{of} AND e.{elements["ProcessInstanceKey"]}{of} AND e.{elements["EndDate"]} IS NULL");
            // An instance that ended answers its waiters with its root scope's variables (the root scope's key is the instance's).
            // Whether it ended is the row the first statement read: compared in SQL, the join to the instances let PostgreSQL,
            // its statistics a minute old, read the whole of an index on either side; by the primary key only, it reads these rows.
            statements.Add($"SELECT {variables.Select("v")} FROM {variables.Quoted} v " +
                $"WHERE v.{variables["ScopeKey"]}{of} AND v.{variables["ProcessInstanceKey"]} = v.{variables["ScopeKey"]}");
        }

        var jobs = tables.Of(typeof(JobRow));
        var tasks = tables.Of(typeof(UserTaskRow));
        var incidents = tables.Of(typeof(IncidentRow));
        var subscriptions = tables.Of(typeof(SubscriptionRow));
        var messages = tables.Of(typeof(MessageRow));
        var kinds = new List<RowTables.Table>();
        void Kind(RowTables.Table table, IReadOnlyCollection<long> values, string? also = null)
        {
            if (values.Count > 0)
            {
                statements.Add($"SELECT {table.Select("r")} FROM {table.Quoted} r WHERE r.{table["Key"]}{KeySet(command, values)}{also}");
                kinds.Add(table);
            }
        }

        Kind(jobs, keys.Jobs);
        // As UserTaskRow.Live.
        Kind(tasks, keys.Tasks, $" AND r.{tasks["State"]} NOT IN ('COMPLETED', 'CANCELED')");
        Kind(incidents, keys.Incidents, $" AND r.{incidents["State"]} = 'ACTIVE'");
        Kind(subscriptions, keys.Subscriptions);
        Kind(messages, keys.Messages);

        var read = new Dictionary<Type, List<object>>();
        var instanceRows = new List<ProcessInstanceRow>();
        var active = new List<VariableRow>();
        var ended = new List<VariableRow>();
        if (statements.Count > 0)
        {
            var postgres = command is NpgsqlCommand;
            if (postgres)
            {
                // Lookups by index for these statements; within a caller's transaction, not for the rest of it.
                statements.Insert(0, Cluster.ChangeFeed.ByIndex);
                if (command.Transaction is not null)
                {
                    statements.Add(Cluster.ChangeFeed.AnyScan);
                }
            }

            command.CommandText = string.Join(";\n", statements);
            using var reader = command.ExecuteReader();
            if (postgres)
            {
                reader.NextResult();
            }

            if (keys.Instances.Count > 0)
            {
                ReadAll(reader, r => instanceRows.Add((ProcessInstanceRow)instances.Materialize(r)));
                var state = variables.Columns.Length;
                ReadAll(reader, r =>
                {
                    if (r.GetString(state) == "ACTIVE")
                    {
                        active.Add((VariableRow)variables.Materialize(r));
                    }
                });
                // The root variables of the instances read as ended (those of active ones came with the statement before).
                var endedKeys = instanceRows.Where(i => i.State != "ACTIVE").Select(i => i.Key).ToHashSet();
                var scope = Array.FindIndex(variables.Columns, c => c.Property == nameof(VariableRow.ScopeKey));
                ReadAll(reader, r =>
                {
                    if (endedKeys.Contains(r.GetInt64(scope)))
                    {
                        ended.Add((VariableRow)variables.Materialize(r));
                    }
                });
            }

            foreach (var table in kinds)
            {
                var rows = new List<object>();
                ReadAll(reader, r => rows.Add(table.Materialize(r)));
                read[table.Type] = rows;
            }
        }

        List<T> Of<T>() => read.TryGetValue(typeof(T), out var rows) ? rows.ConvertAll(r => (T)r) : [];
        return new StateRows
        {
            Instances = instanceRows.ToDictionary(i => i.Key),
            Variables = active.ToLookup(v => v.ProcessInstanceKey),
            EndedVariables = ended.ToLookup(v => v.ProcessInstanceKey),
            Jobs = Of<JobRow>(),
            Tasks = Of<UserTaskRow>(),
            Incidents = Of<IncidentRow>(),
            Subscriptions = Of<SubscriptionRow>(),
            Messages = Of<MessageRow>().ToDictionary(m => m.Key),
        };
    }

    /// <summary>
    /// A condition that a column (written before it) is one of <paramref name="values"/>, whose one parameter it adds to
    /// <paramref name="command"/> (several conditions may use it): an array on PostgreSQL, a JSON array that SQLite's
    /// <c>json_each</c> reads elsewhere.
    /// </summary>
    private static string KeySet(DbCommand command, IReadOnlyCollection<long> values)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "k" + command.Parameters.Count.ToString(CultureInfo.InvariantCulture);
        command.Parameters.Add(parameter);
        if (command is NpgsqlCommand)
        {
            parameter.Value = values.ToArray();
            return " = ANY(@" + parameter.ParameterName + ")";
        }

        parameter.Value = "[" + string.Join(",", values.Select(v => v.ToString(CultureInfo.InvariantCulture))) + "]";
        return " IN (SELECT value FROM json_each(@" + parameter.ParameterName + "))";
    }

    /// <summary>Reads the reader's current result to its end, then moves to the next: every statement of the command returns one.</summary>
    private static void ReadAll(DbDataReader reader, Action<DbDataReader> row)
    {
        while (reader.Read())
        {
            row(reader);
        }

        reader.NextResult();
    }

    /// <summary>The rows of <paramref name="keys"/> only.</summary>
    public StateRows For(ChangeKeys keys) => new()
    {
        Instances = Instances.Where(i => keys.Instances.Contains(i.Key)).ToDictionary(),
        Variables = Variables,
        EndedVariables = EndedVariables,
        Jobs = [.. Jobs.Where(j => keys.Jobs.Contains(j.Key))],
        Tasks = [.. Tasks.Where(t => keys.Tasks.Contains(t.Key))],
        Incidents = [.. Incidents.Where(i => keys.Incidents.Contains(i.Key))],
        Subscriptions = [.. Subscriptions.Where(s => keys.Subscriptions.Contains(s.Key))],
        Messages = Messages.Where(m => keys.Messages.Contains(m.Key)).ToDictionary(),
    };
}
