using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Orchestrator.Persistence.Cluster;
using Orchestrator.Persistence.Rows;
using Orchestrator.Persistence.Store;

namespace Orchestrator.Persistence.Tests.Store;

/// <summary>
/// The journal's writes on PostgreSQL: prepared once per connection and planned once (a row whose nulls differ from the last
/// one's, an instance running then ended, once went with parameters of other types, which Npgsql prepared again and PostgreSQL
/// planned again); a table's new rows, written by one INSERT from arrays, come back as written.
/// </summary>
public sealed class RowWriterPostgresTests : IDisposable
{
    private readonly PostgresTestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [PostgresFact]
    public async Task Rows_whose_nulls_differ_share_one_prepared_statement()
    {
        await using var context = await OpenAsync();
        var connection = context.Database.GetDbConnection();
        var writer = new RowWriter(context.Model);
        for (var key = 1L; key <= 8; key++)
        {
            var ended = key % 2 == 0;
            var row = new ProcessInstanceRow
            {
                Key = key, ProcessDefinitionKey = 7, BpmnProcessId = "p", Version = 1, State = ended ? "COMPLETED" : "ACTIVE",
                StartDate = DateTimeOffset.UnixEpoch, EndDate = ended ? DateTimeOffset.UnixEpoch.AddHours(1) : null,
                MessageCorrelationKey = ended ? null : "order-" + key, Revision = 1, Elements = "[]",
            };
            // Written, then the whole row again (the journal's full update) with its nulls the other way round.
            var again = new ProcessInstanceRow
            {
                Key = key, ProcessDefinitionKey = 7, BpmnProcessId = "p", Version = 1, State = ended ? "ACTIVE" : "COMPLETED",
                StartDate = DateTimeOffset.UnixEpoch, EndDate = ended ? null : DateTimeOffset.UnixEpoch.AddHours(2),
                MessageCorrelationKey = ended ? "order-" + key : null, Revision = 2, Elements = "[]",
            };
            await using var transaction = await context.Database.BeginTransactionAsync();
            await writer.WriteAsync(connection, transaction.GetDbTransaction(),
                [new RowChange(row, RowOp.Insert, key), new RowChange(again, RowOp.Update, key)], null, CancellationToken.None);
            await transaction.CommitAsync();
        }

        var prepared = new List<(string Statement, long Executions)>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT split_part(statement, ' ', 1), generic_plans + custom_plans FROM pg_prepared_statements WHERE statement LIKE '% \"process_instances\" %' ORDER BY 1";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                prepared.Add((reader.GetString(0), reader.GetInt64(1)));
            }
        }

        // Npgsql prepares a statement on its second use (AutoPrepareMinUsages 2): then seven executions of each prepared statement.
        Assert.Equal([("INSERT", 7L), ("UPDATE", 7L)], prepared);
        Assert.Equal(8, await context.ProcessInstances.CountAsync(i => i.Revision == 2 && (i.EndDate != null || i.MessageCorrelationKey != null)));
    }

    /// <summary>Sixty rows of a table in one batch: one INSERT from an array per column, nulls and all.</summary>
    [PostgresFact]
    public async Task Many_new_rows_of_a_table_go_in_with_every_value_and_null_as_written()
    {
        await using var context = await OpenAsync();
        var connection = context.Database.GetDbConnection();
        var started = new DateTimeOffset(2026, 12, 5, 21, 30, 0, TimeSpan.FromHours(2));
        var written = Enumerable.Range(1, 60).Select(i => new ProcessInstanceRow
        {
            Key = 100 + i, ProcessDefinitionKey = 7, BpmnProcessId = "p-" + i, Version = i, ProcessName = i % 2 == 0 ? null : "Return " + i,
            State = i % 3 == 0 ? "COMPLETED" : "ACTIVE", StartDate = started.AddMinutes(i), EndDate = i % 3 == 0 ? started.AddHours(i) : null,
            ParentInstanceKey = i % 2 == 0 ? 9_007_199_254_740_993L + i : null, ParentElementInstanceKey = i % 2 == 0 ? 55 : null,
            MessageCorrelationKey = i == 4 ? "" : i % 2 == 0 ? null : "order-" + i, HasIncident = i == 5, Revision = i, Elements = "[{\"i\":" + i + "}]",
        }).ToList();

        await using (var transaction = await context.Database.BeginTransactionAsync())
        {
            await new RowWriter(context.Model).WriteAsync(connection, transaction.GetDbTransaction(),
                written.Select(row => new RowChange(row, RowOp.Insert, row.Key)), null, CancellationToken.None);
            await transaction.CommitAsync();
        }

        var read = await context.ProcessInstances.AsNoTracking().OrderBy(i => i.Key).ToListAsync();
        Assert.Equal(written.Select(Describe), read.Select(Describe));
    }

    /// <summary>Many rows of a table updated in one batch, whole or some columns, the revision checked for each row it names.</summary>
    [PostgresFact]
    public async Task Many_updates_of_a_table_go_in_and_a_moved_revision_fails_the_batch()
    {
        await using var context = await OpenAsync();
        var writer = new RowWriter(context.Model);
        var started = new DateTimeOffset(2026, 12, 6, 3, 0, 0, TimeSpan.Zero);
        ProcessInstanceRow Row(int i, int revision, string state, DateTimeOffset? ended) => new()
        {
            Key = 100 + i, ProcessDefinitionKey = 7, BpmnProcessId = "p", Version = 1, State = state, StartDate = started,
            EndDate = ended, MessageCorrelationKey = i % 2 == 0 ? null : "order-" + i, Revision = revision, Elements = "[]",
        };

        RowChange Variable(int i, string name) =>
            new(new VariableRow { ScopeKey = 100 + i, Name = name, Key = 1_000 + i * 10 + name[0], ProcessInstanceKey = 100 + i, Value = "\"" + name + "\"" }, RowOp.Insert, (100L + i, name));

        await CommitAsync(context, writer, Enumerable.Range(1, 6).Select(i => new RowChange(Row(i, 1, "ACTIVE", null), RowOp.Insert, 100L + i)));
        // Rows 1-3 ended, each checked against revision 1; rows 4-6 get a new revision only (a patch of one column); new
        // variables go in before them in the same batch.
        await CommitAsync(context, writer, [
            .. Enumerable.Range(1, 3).Select(i => new RowChange(Row(i, 2, "COMPLETED", started.AddHours(i)), RowOp.Update, 100L + i) { ExpectedRevision = 1 }),
            .. Enumerable.Range(4, 3).Select(i => new RowChange(Row(i, 5, "ACTIVE", null), RowOp.Patch, 100L + i) { Patched = ["Revision"] }),
            Variable(1, "a"), Variable(2, "a")]);

        var read = await context.ProcessInstances.AsNoTracking().OrderBy(i => i.Key).Select(i => new { i.Key, i.State, i.EndDate, i.Revision }).ToListAsync();
        Assert.Equal(
            [(101L, "COMPLETED", started.AddHours(1), 2L), (102L, "COMPLETED", started.AddHours(2), 2L), (103L, "COMPLETED", started.AddHours(3), 2L),
             (104L, "ACTIVE", (DateTimeOffset?)null, 5L), (105L, "ACTIVE", null, 5L), (106L, "ACTIVE", null, 5L)],
            read.Select(r => (r.Key, r.State, r.EndDate, r.Revision)));

        Assert.Equal(2, await context.Variables.CountAsync());

        // Row 2 is at revision 2 now, not 1: the batch fails and writes nothing, its new variables neither.
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => CommitAsync(context, writer, [
            .. Enumerable.Range(1, 3).Select(i => new RowChange(Row(i, 3, "ACTIVE", null), RowOp.Update, 100L + i) { ExpectedRevision = i == 2 ? 1 : 2 }),
            Variable(1, "b"), Variable(2, "b")]));
        Assert.Equal(0, await context.ProcessInstances.CountAsync(i => i.Revision == 3));
        Assert.Equal(2, await context.Variables.CountAsync());
    }

    /// <summary>
    /// Updates and deletes of rows keyed by two columns (a scope's variables), several to a batch: each finds its own row (by both
    /// columns), the rows not named stay as they were, and an update naming a row that is not there fails the batch.
    /// </summary>
    [PostgresFact]
    public async Task Many_updates_and_deletes_of_rows_with_a_two_column_key_each_find_their_own_row()
    {
        await using var context = await OpenAsync();
        var writer = new RowWriter(context.Model);
        RowChange Variable(long scope, string name, string value, RowOp op) =>
            new(new VariableRow { ScopeKey = scope, Name = name, Key = scope * 10 + name[0], ProcessInstanceKey = 7, Value = value }, op, (scope, name));

        await CommitAsync(context, writer, [Variable(1, "a", "0", RowOp.Insert), Variable(1, "b", "0", RowOp.Insert), Variable(2, "a", "0", RowOp.Insert), Variable(2, "b", "0", RowOp.Insert)]);
        // (1, b) and (2, a) change; (1, a) and (2, b), which share a column with each of them, stay.
        await CommitAsync(context, writer, [Variable(1, "b", "\"one-b\"", RowOp.Update), Variable(2, "a", "null", RowOp.Update)]);

        var read = await context.Variables.AsNoTracking().OrderBy(v => v.ScopeKey).ThenBy(v => v.Name).Select(v => new { v.ScopeKey, v.Name, v.Value }).ToListAsync();
        Assert.Equal([(1L, "a", "0"), (1L, "b", "\"one-b\""), (2L, "a", "null"), (2L, "b", "0")], read.Select(v => (v.ScopeKey, v.Name, v.Value)));

        // (3, a) is not there: the update of both touched one row, and the batch writes nothing.
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => CommitAsync(context, writer, [Variable(1, "a", "1", RowOp.Update), Variable(3, "a", "1", RowOp.Update)]));
        Assert.Equal(0, await context.Variables.CountAsync(v => v.Value == "1"));

        // Deleted together, each by both columns; a row already gone is no error (as a delete of one row).
        await CommitAsync(context, writer, [Variable(1, "a", "", RowOp.Delete), Variable(2, "b", "", RowOp.Delete), Variable(3, "a", "", RowOp.Delete)]);
        read = await context.Variables.AsNoTracking().OrderBy(v => v.ScopeKey).ThenBy(v => v.Name).Select(v => new { v.ScopeKey, v.Name, v.Value }).ToListAsync();
        Assert.Equal([(1L, "b", "\"one-b\""), (2L, "a", "null")], read.Select(v => (v.ScopeKey, v.Name, v.Value)));
    }

    /// <summary>
    /// The plan PostgreSQL caches for an update from arrays is made once, often while its table is small (a new database); the
    /// rows a later call reads must still be those it updates, not the table's whole index (found on two nodes: the element
    /// instances' update read some 8,000 buffers a call, 10 ms, and the run went at a third of its speed). Here the cached plan is
    /// made from the statistics of a table of ten rows (the generic plan forced, as PostgreSQL chooses it after five calls; for
    /// those statistics it hashes the arrays and reads the table's whole primary key), the table then grows to 20,000 rows, and the
    /// next update of ten rows may fetch only about those ten.
    /// </summary>
    [PostgresFact]
    public async Task An_update_from_arrays_reads_only_its_rows_whatever_plan_was_cached_while_the_table_was_small()
    {
        await using var context = await OpenAsync();
        var connection = context.Database.GetDbConnection();
        var writer = new RowWriter(context.Model);
        await CachedPlans.KeepAsync(connection, "process_instances");
        ProcessInstanceRow Row(long key, long revision) => new()
        {
            Key = key, ProcessDefinitionKey = 7, BpmnProcessId = "p", Version = 1, State = "ACTIVE", StartDate = DateTimeOffset.UnixEpoch,
            Revision = revision, Elements = "[]",
        };

        async Task<long> UpdateAsync(long revision)
        {
            await using var transaction = await context.Database.BeginTransactionAsync();
            await writer.WriteAsync(connection, transaction.GetDbTransaction(),
                Enumerable.Range(1, 10).Select(i => new RowChange(Row(i, revision), RowOp.Update, (long)i) { ExpectedRevision = revision - 1 }), null,
                CancellationToken.None);
            var fetched = await CachedPlans.FetchedAsync(connection, transaction.GetDbTransaction(), "process_instances");
            await transaction.CommitAsync();
            return fetched["process_instances"];
        }

        await using (var transaction = await context.Database.BeginTransactionAsync())
        {
            await writer.WriteAsync(connection, transaction.GetDbTransaction(),
                Enumerable.Range(1, 10).Select(i => new RowChange(Row(i, 1), RowOp.Insert, (long)i)), null, CancellationToken.None);
            await transaction.CommitAsync();
        }

        // Analysed while small, as autovacuum does on a new database once some fifty rows changed; Npgsql prepares the statement
        // at its second use, and its first execution as a prepared statement makes the plan from those statistics.
        await CachedPlans.ExecuteAsync(connection, "ANALYZE process_instances");
        for (var revision = 2; revision <= 4; revision++)
        {
            await UpdateAsync(revision);
        }

        await CachedPlans.ExecuteAsync(connection, CachedPlans.InsertInstances(11, 20_000));

        Assert.InRange(await UpdateAsync(5), 10, 40);
        Assert.Equal(10, await context.ProcessInstances.CountAsync(i => i.Revision == 5));
    }

    /// <summary>
    /// A group commit ends with its COMMIT and the other nodes' notification in one round trip: the rows are there and the
    /// listener hears of them; a notification that fails after the commit is let go, the rows stay; a COMMIT that fails throws
    /// and tells nobody. Each time the connection goes on with a new transaction.
    /// </summary>
    [PostgresFact]
    public async Task A_commit_and_its_notification_go_together_and_only_a_commit_that_held_is_told()
    {
        await using var context = await OpenAsync();
        var connection = (NpgsqlConnection)context.Database.GetDbConnection();
        var writer = new RowWriter(context.Model);
        var heard = new List<string>();
        await using var listener = new NpgsqlConnection(Named);
        await listener.OpenAsync();
        listener.Notification += (_, e) => heard.Add(e.Payload);
        await using (var listen = new NpgsqlCommand($"LISTEN {ChangeFeed.Channel}", listener))
        {
            await listen.ExecuteNonQueryAsync();
        }

        async Task CommitAsync(long key, string payload, string? before = null)
        {
            await using var transaction = await context.Database.BeginTransactionAsync();
            if (before is not null)
            {
                await using var command = new NpgsqlCommand(before, connection, (NpgsqlTransaction)transaction.GetDbTransaction());
                await command.ExecuteNonQueryAsync();
            }

            var row = new ProcessInstanceRow
            {
                Key = key, ProcessDefinitionKey = 7, BpmnProcessId = "p", Version = 1, State = "ACTIVE", StartDate = DateTimeOffset.UnixEpoch,
                Revision = 1, Elements = "[]",
            };
            await writer.WriteAsync(connection, transaction.GetDbTransaction(), [new RowChange(row, RowOp.Insert, key)], null, CancellationToken.None);
            await ChangeFeed.CommitAndNotifyAsync(connection, (NpgsqlTransaction)transaction.GetDbTransaction(), payload);
        }

        async Task<List<long>> StoredAsync()
        {
            await using var other = new NpgsqlConnection(Named);
            await other.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT \"Key\" FROM process_instances ORDER BY 1", other);
            var keys = new List<long>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                keys.Add(reader.GetInt64(0));
            }

            return keys;
        }

        async Task<List<string>> HeardAsync(int count)
        {
            // Notifications come in while the listener waits for the server's next message; then a little longer, for any more.
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (heard.Count < count && DateTime.UtcNow < deadline)
            {
                await listener.WaitAsync(TimeSpan.FromMilliseconds(200));
            }

            await listener.WaitAsync(TimeSpan.FromMilliseconds(200));
            return [.. heard];
        }

        await CommitAsync(1, "node-a");
        Assert.Equal([1L], await StoredAsync());
        Assert.Equal(["node-a"], await HeardAsync(1));

        // A payload over PostgreSQL's 8,000 bytes fails the notification, after the commit.
        await CommitAsync(2, new string('x', 9_000));
        Assert.Equal([1L, 2L], await StoredAsync());

        // A deferred constraint is checked at COMMIT: the second row with the same value fails it.
        await using (var table = new NpgsqlCommand("CREATE TABLE once (v int UNIQUE DEFERRABLE INITIALLY DEFERRED)", connection))
        {
            await table.ExecuteNonQueryAsync();
        }

        await Assert.ThrowsAsync<PostgresException>(() => CommitAsync(3, "node-b", "INSERT INTO once VALUES (1), (1)"));
        Assert.Equal([1L, 2L], await StoredAsync());

        await CommitAsync(4, "node-c");
        Assert.Equal([1L, 2L, 4L], await StoredAsync());
        Assert.Equal(["node-a", "node-c"], await HeardAsync(2));
    }

    private static string Describe(ProcessInstanceRow row) =>
        string.Join("|", row.Key, row.ProcessDefinitionKey, row.BpmnProcessId, row.Version, row.ProcessName ?? "<null>", row.State,
            row.StartDate.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), row.EndDate?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) ?? "<null>", row.ParentInstanceKey?.ToString(CultureInfo.InvariantCulture) ?? "<null>",
            row.ParentElementInstanceKey?.ToString(CultureInfo.InvariantCulture) ?? "<null>", row.MessageCorrelationKey ?? "<null>", row.HasIncident, row.Revision, row.Elements);

    /// <summary>The connection string of the test's database.</summary>
    private string Named => _database.ConnectionString;

    /// <summary>A context on a new, migrated database, its connection open.</summary>
    /// <summary>
    /// An instance's progress (its state, end, incident flag, elements and revision: the columns that change as it runs) is a
    /// patch checked against the revision read, like a whole row's update: by arrays for several rows, alone for one; a moved
    /// revision fails the batch either way, and the columns it does not set keep what the instance started with.
    /// </summary>
    [PostgresFact]
    public async Task An_instance_s_progress_patched_is_checked_against_its_revision_alone_and_by_arrays()
    {
        await using var context = await OpenAsync();
        var writer = new RowWriter(context.Model);
        var started = new DateTimeOffset(2026, 12, 7, 1, 0, 0, TimeSpan.Zero);
        ProcessInstanceRow Row(int i, long revision, string state, string elements) => new()
        {
            Key = 100 + i, ProcessDefinitionKey = 7, BpmnProcessId = "return-request", Version = 3, ProcessName = "Return", State = state,
            StartDate = started, ParentInstanceKey = 90, MessageCorrelationKey = "order-" + i, Revision = revision, Elements = elements,
        };
        RowChange Progress(int i, long revision, long expected, string state) =>
            new(Row(i, revision, state, $"[{{\"step\":{revision}}}]"), RowOp.Patch, 100L + i, expected, RowMapper.InstanceProgress);

        await CommitAsync(context, writer, Enumerable.Range(1, 4).Select(i => new RowChange(Row(i, 1, "ACTIVE", "[]"), RowOp.Insert, 100L + i)));
        // Three rows by arrays, one alone (a table's single update goes as a statement of its own).
        await CommitAsync(context, writer, Enumerable.Range(1, 3).Select(i => Progress(i, 2, 1, "ACTIVE")));
        await CommitAsync(context, writer, [Progress(4, 2, 1, "COMPLETED")]);

        // Row 2 moved on to revision 2: both batches fail and write nothing.
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => CommitAsync(context, writer, [Progress(1, 3, 2, "COMPLETED"), Progress(2, 3, 1, "COMPLETED")]));
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => CommitAsync(context, writer, [Progress(2, 3, 1, "COMPLETED")]));

        var read = await context.ProcessInstances.AsNoTracking().OrderBy(i => i.Key).ToListAsync();
        Assert.Equal(
            [(101L, "ACTIVE", 2L, "[{\"step\":2}]"), (102L, "ACTIVE", 2L, "[{\"step\":2}]"), (103L, "ACTIVE", 2L, "[{\"step\":2}]"), (104L, "COMPLETED", 2L, "[{\"step\":2}]")],
            read.Select(r => (r.Key, r.State, r.Revision, r.Elements)));
        Assert.All(read, r => Assert.Equal((7L, "return-request", 3, "Return", started, 90L, "order-" + (r.Key - 100)),
            (r.ProcessDefinitionKey, r.BpmnProcessId, r.Version, r.ProcessName, r.StartDate, r.ParentInstanceKey, r.MessageCorrelationKey)));
    }

    /// <summary>
    /// What the journal does to a running instance's rows most often — an element ends (its state and end date), a job is
    /// activated (the whole row again, a worker and a deadline), the instance's revision moves — is written in place
    /// (heap-only tuples): no index holds a column these change, and the tables leave room on each page for the new version.
    /// The rows are updated on full pages: 400 of each written before, the updates of the first eight (on the first page).
    /// </summary>
    [PostgresFact]
    public async Task An_element_end_a_job_activation_and_a_new_revision_are_written_in_place_on_full_pages()
    {
        await using var context = await OpenAsync();
        var connection = context.Database.GetDbConnection();
        var writer = new RowWriter(context.Model);
        var started = new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
        const int Rows = 400, Updated = 8;

        ElementInstanceRow Element(int i, string state, DateTimeOffset? ended) => new()
        {
            Key = 10_000 + i, ProcessInstanceKey = 100 + i, ProcessDefinitionKey = 7, BpmnProcessId = "return-request",
            ElementId = "inspect-parcel", ElementName = "Inspect the returned parcel", Type = "SERVICE_TASK", State = state,
            StartDate = started, EndDate = ended,
        };
        JobRow Job(int i, string state, string? worker, DateTimeOffset? deadline) => new()
        {
            Key = 20_000 + i, Type = "warehouse.inspect", ProcessInstanceKey = 100 + i, ElementInstanceKey = 10_000 + i,
            ElementId = "inspect-parcel", ProcessDefinitionKey = 7, BpmnProcessId = "return-request", Version = 1,
            CustomHeaders = "{}", Retries = 3, State = state, Worker = worker, Deadline = deadline,
        };
        ProcessInstanceRow Instance(int i, long revision) => new()
        {
            Key = 100 + i, ProcessDefinitionKey = 7, BpmnProcessId = "return-request", Version = 1, State = "ACTIVE",
            StartDate = started, MessageCorrelationKey = "order-" + i, Revision = revision, Elements = "[]",
        };

        await CommitAsync(context, writer, [
            .. Enumerable.Range(1, Rows).Select(i => new RowChange(Instance(i, 1), RowOp.Insert, 100L + i)),
            .. Enumerable.Range(1, Rows).Select(i => new RowChange(Element(i, "ACTIVE", null), RowOp.Insert, 10_000L + i)),
            .. Enumerable.Range(1, Rows).Select(i => new RowChange(Job(i, "CREATED", null, null), RowOp.Insert, 20_000L + i))]);

        await using (var transaction = await context.Database.BeginTransactionAsync())
        {
            await writer.WriteAsync(connection, transaction.GetDbTransaction(), [
                .. Enumerable.Range(1, Updated).Select(i => new RowChange(Element(i, "COMPLETED", started.AddMinutes(i)), RowOp.Patch, 10_000L + i)
                    { Patched = [nameof(ElementInstanceRow.State), nameof(ElementInstanceRow.EndDate)] }),
                .. Enumerable.Range(1, Updated).Select(i => new RowChange(Job(i, "ACTIVATED", "warehouse-7", started.AddMinutes(5)), RowOp.Update, 20_000L + i)),
                .. Enumerable.Range(1, Updated).Select(i => new RowChange(Instance(i, 2), RowOp.Patch, 100L + i) { Patched = [nameof(ProcessInstanceRow.Revision)] })],
                null, CancellationToken.None);

            await using var command = connection.CreateCommand();
            command.Transaction = transaction.GetDbTransaction();
            command.CommandText = "SELECT relname, n_tup_upd, n_tup_hot_upd FROM pg_stat_xact_user_tables " +
                "WHERE relname IN ('element_instances', 'jobs', 'process_instances') ORDER BY relname";
            var updates = new List<(string Table, long Updated, long InPlace)>();
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    updates.Add((reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2)));
                }
            }

            Assert.Equal([("element_instances", Updated, Updated), ("jobs", Updated, Updated), ("process_instances", Updated, Updated)], updates);
            await transaction.CommitAsync();
        }

        Assert.Equal(Updated, await context.Jobs.CountAsync(j => j.State == "ACTIVATED" && j.Worker == "warehouse-7"));
        Assert.Equal(Updated, await context.ElementInstances.CountAsync(e => e.State == "COMPLETED" && e.EndDate != null));
    }

    /// <summary>Writes <paramref name="changes"/> with <paramref name="writer"/> in a transaction of their own and commits it.</summary>
    private static async Task CommitAsync(OrchestratorDbContext context, RowWriter writer, IEnumerable<RowChange> changes)
    {
        await using var transaction = await context.Database.BeginTransactionAsync();
        await writer.WriteAsync(context.Database.GetDbConnection(), transaction.GetDbTransaction(), changes, null, CancellationToken.None);
        await transaction.CommitAsync();
    }

    private async Task<OrchestratorDbContext> OpenAsync()
    {
        var context = (await _database.CreateAsync()).CreateContext();
        await context.Database.OpenConnectionAsync();
        return context;
    }
}
