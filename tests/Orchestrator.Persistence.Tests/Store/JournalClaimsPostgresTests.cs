using Npgsql;
using Orchestrator.Persistence.Cluster;
using Orchestrator.Persistence.Rows;
using Orchestrator.Persistence.Store;

namespace Orchestrator.Persistence.Tests.Store;

/// <summary>
/// The journal on a database several nodes share bets that a batch's claims hold and commits it in the round trip that checks
/// them: the server itself must then fail the transaction when one does not hold or a row is not where the batch expects it, so
/// that nothing of such a commit is written (it is left out, as the check in two round trips leaves it out) and nothing of its
/// batch is half written. Each test changes the database as another node would have, then has this node commit on what it
/// last knew.
/// </summary>
public sealed class JournalClaimsPostgresTests : IAsyncDisposable
{
    private const int Self = 0;
    private const long Instance = 7;
    private const long Second = 8;
    private static readonly long OtherNodesKey = (KeyAllocator.Owner(1) << KeyAllocator.NodeShift) | 42;
    private readonly PostgresTestDatabase _created = new();
    private OrchestratorDatabase? _database;
    private JournalWriter? _writer;

    public async ValueTask DisposeAsync()
    {
        if (_writer is not null)
        {
            await _writer.DisposeAsync();
        }

        _created.Dispose();
    }

    [PostgresFact]
    public async Task A_batch_whose_claims_hold_commits_in_one_round_trip()
    {
        var writer = await StartAsync();
        var claims = new CommitClaims();
        claims.Revisions[Instance] = 1;
        await CommitAsync(writer, claims, VariableOf("first"), Revised(Instance, 2));

        Assert.Equal(2, writer.OneTrips);
        Assert.Equal(["first"], await VariablesAsync());
        Assert.Equal(2, await RevisionAsync());
    }

    [PostgresFact]
    public async Task A_commit_on_an_instance_another_node_moved_on_is_left_out_and_writes_nothing()
    {
        var writer = await StartAsync();
        await ExecuteAsync($"UPDATE process_instances SET \"Revision\" = 2 WHERE \"Key\" = {Instance}");
        var claims = new CommitClaims();
        claims.Revisions[Instance] = 1;

        await Assert.ThrowsAsync<CommitConflictException>(() => CommitAsync(writer, claims, VariableOf("stale"), Revised(Instance, 2)));

        Assert.Empty(await VariablesAsync());
        Assert.Equal(2, await RevisionAsync());
        Assert.Equal(1, writer.OneTrips);
    }

    [PostgresFact]
    public async Task A_correlation_that_missed_another_nodes_subscription_is_left_out_and_one_that_knew_it_commits()
    {
        var writer = await StartAsync();
        await ExecuteAsync(InsertSubscriptions($"VALUES ({OtherNodesKey}, 'MESSAGE', 1, 'wait', 'go', 'order-1', now(), 0)"));

        var blind = new CommitClaims { Now = DateTimeOffset.UtcNow };
        var unaware = new Predicate(PredicateKind.Message, "go", "order-1");
        blind.Predicates[unaware.Hash] = unaware;
        await Assert.ThrowsAsync<CommitConflictException>(() => CommitAsync(writer, blind, VariableOf("blind")));
        Assert.Empty(await VariablesAsync());
        Assert.Equal(1, writer.OneTrips);

        // The node reads what the left-out commit built on again (as the store does), and commits knowing the subscription.
        var (_, poisoned, rejections) = writer.TakeStale();
        writer.Cleared(poisoned, writer.SettledSequence, rejections);
        var told = new CommitClaims { Now = DateTimeOffset.UtcNow };
        var aware = new Predicate(PredicateKind.Message, "go", "order-1");
        aware.Known.Add(OtherNodesKey);
        told.Predicates[aware.Hash] = aware;
        await CommitAsync(writer, told, VariableOf("told"));
        Assert.Equal(["told"], await VariablesAsync());
    }

    [PostgresFact]
    public async Task A_correlation_matching_only_the_nodes_own_subscription_commits_in_one_round_trip()
    {
        var writer = await StartAsync();
        var own = (KeyAllocator.Owner(Self) << KeyAllocator.NodeShift) | 43;
        await ExecuteAsync(InsertSubscriptions($"VALUES ({own}, 'MESSAGE', 1, 'wait', 'go', 'order-2', now(), 0)"));
        var claims = new CommitClaims { Now = DateTimeOffset.UtcNow };
        var predicate = new Predicate(PredicateKind.Message, "go", "order-2");
        claims.Predicates[predicate.Hash] = predicate;

        await CommitAsync(writer, claims, VariableOf("mine"));

        Assert.Equal(["mine"], await VariablesAsync());
        Assert.Equal(2, writer.OneTrips);
    }

    [PostgresFact]
    public async Task Commits_of_one_batch_that_build_on_each_other_commit_together_in_one_round_trip()
    {
        var writer = await StartAsync();
        await CommitAsync(writer, CreatedClaims(Second), new RowChange(InstanceRow(Second), RowOp.Insert, Second));
        var batches = writer.Batches;

        // Another transaction holds the instance's row: the next batch waits in its check while two more commits queue behind it.
        await using var other = new NpgsqlConnection(Named);
        await other.OpenAsync();
        await using var holding = await other.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand($"SELECT 1 FROM process_instances WHERE \"Key\" = {Instance} FOR UPDATE", other, holding))
        {
            await command.ExecuteNonQueryAsync();
        }

        var first = writer.WhenDurable(writer.Enqueue([VariableOf("a"), Revised(Instance, 2)], RevisionClaims((Instance, 1))));
        await WaitForALockWaitAsync();
        var second = writer.WhenDurable(writer.Enqueue([VariableOf("bb"), Revised(Instance, 3)], RevisionClaims((Instance, 2))));
        var third = writer.WhenDurable(writer.Enqueue([VariableOf("ccc"), Revised(Instance, 4), Revised(Second, 2)], RevisionClaims((Instance, 3), (Second, 1))));
        await holding.CommitAsync();
        await Task.WhenAll(first, second, third);

        Assert.Equal(batches + 2, writer.Batches);
        Assert.Equal(4, writer.OneTrips);
        Assert.Equal(["a", "bb", "ccc"], await VariablesAsync());
        Assert.Equal(4, await RevisionAsync());
        Assert.Equal(2, await RevisionAsync(Second));
    }

    [PostgresFact]
    public async Task Bug_a_value_the_database_refused_stopped_the_writer_and_left_out_every_commit_of_its_batch()
    {
        // Arrange: the first commit waits for a row another transaction holds, so the next three go in one batch: one names a
        // variable PostgreSQL cannot index (an entry over about 2,700 bytes; before, the writer stopped and the node with it),
        // one is independent, one builds on the refused one (the instance's revision it raised).
        var writer = await StartAsync();
        await using var other = new NpgsqlConnection(Named);
        await other.OpenAsync();
        await using var holding = await other.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand($"SELECT 1 FROM process_instances WHERE \"Key\" = {Instance} FOR UPDATE", other, holding))
        {
            await command.ExecuteNonQueryAsync();
        }

        var unindexable = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(3_000));
        var first = writer.WhenDurable(writer.Enqueue([VariableOf("a"), Revised(Instance, 2)], RevisionClaims((Instance, 1))));
        await WaitForALockWaitAsync();
        var refused = writer.WhenDurable(writer.Enqueue([VariableOf(unindexable), Revised(Instance, 3)], RevisionClaims((Instance, 2))));
        var beside = writer.WhenDurable(writer.Enqueue([VariableOf("cc")], new CommitClaims()));
        var after = writer.WhenDurable(writer.Enqueue([VariableOf("ddd"), Revised(Instance, 4)], RevisionClaims((Instance, 3))));

        // Act
        await holding.CommitAsync();
        await first;

        // Assert: only the refused commit and the one built on it are left out; the writer goes on.
        Assert.Contains("index row", (await Assert.ThrowsAsync<CommitRefusedException>(() => refused)).Message, StringComparison.Ordinal);
        await beside;
        await Assert.ThrowsAsync<CommitConflictException>(() => after);
        Assert.Null(writer.Fault);
        Assert.Equal(["a", "cc"], await VariablesAsync());
        Assert.Equal(2, await RevisionAsync());

        // The node reads what was left out again (as the store does), then commits on what the database holds.
        var (_, poisoned, rejections) = writer.TakeStale();
        writer.Cleared(poisoned, writer.SettledSequence, rejections);
        await CommitAsync(writer, RevisionClaims((Instance, 2)), VariableOf("eeee"), Revised(Instance, 3));
        Assert.Equal(["a", "cc", "eeee"], await VariablesAsync());
        Assert.Equal(3, await RevisionAsync());
    }

    [PostgresFact]
    public async Task A_start_of_a_definition_another_node_undeployed_is_left_out()
    {
        var writer = await StartAsync();
        var claims = new CommitClaims();
        claims.Reads.Add(99);

        await Assert.ThrowsAsync<CommitConflictException>(() => CommitAsync(writer, claims, VariableOf("orphan")));

        Assert.Empty(await VariablesAsync());
    }

    [PostgresFact]
    public async Task An_update_of_a_row_another_node_removed_fails_its_whole_batch_not_half_of_it()
    {
        var writer = await StartAsync();
        var missing = new JobRow
        {
            Key = 5, Type = "ship", ProcessInstanceKey = Instance, ElementInstanceKey = 6, ElementId = "task", ProcessDefinitionKey = 1,
            BpmnProcessId = "p", Version = 1, CustomHeaders = "{}", State = "ACTIVATED",
        };

        await Assert.ThrowsAsync<CommitConflictException>(() =>
            CommitAsync(writer, new CommitClaims(), VariableOf("beside"), new RowChange(missing, RowOp.Update, missing.Key)));

        Assert.Empty(await VariablesAsync());
        Assert.Equal(1, writer.OneTrips);
    }

    /// <summary>
    /// The check's statements are prepared and their plans cached, often from the statistics of small tables (a new database):
    /// the rows a later check reads must still be those it claims, not the whole of a table grown since. Planned on two
    /// subscriptions and ten instances (the generic plan forced, as PostgreSQL chooses it after five calls), then run on 20,000
    /// more of each, a check of one message's correlation and of ten instances (the newest, with the highest keys, as a check's
    /// usually are), in one round trip and in two, may fetch only those rows, a few times each, not the tables. (The statements
    /// look each row up by a subquery of its own, so no cached plan can hash or merge the table; with the joins before, the
    /// instances' check fetched all 20,030 instances here, and read some 700 buffers a call in a slow two-node run.)
    /// </summary>
    [PostgresFact]
    public async Task A_check_reads_only_the_claimed_rows_whatever_plan_was_cached_while_the_tables_were_small()
    {
        _database = await _created.CreateAsync();
        // Prepared at the second use, as the server's connections are (OrchestratorDatabase).
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Named) { MaxAutoPrepare = 64, AutoPrepareMinUsages = 2 }.ConnectionString);
        await connection.OpenAsync();
        await CachedPlans.KeepAsync(connection, "process_instances", "subscriptions");
        await CachedPlans.ExecuteAsync(connection,
            CachedPlans.InsertInstances(1_000_001, 1_000_010) + "; " + Subscriptions(8, 9) + "; ANALYZE process_instances; ANALYZE subscriptions");
        // The message's one subscription (key 9) is known to the commit; its correlation key sorts after all the others.
        var message = new Predicate(PredicateKind.Message, "parcel.scanned", "order-9");
        var claims = RevisionClaims([.. Enumerable.Range(1_000_001, 10).Select(i => ((long)i, 1L))]);
        claims.Predicates[message.Hash] = message;
        claims.Now = DateTimeOffset.UtcNow;
        var expected = new ClaimCheck.Expected(
            [.. Enumerable.Range(1_000_001, 10).Select(i => (long)i)], [.. Enumerable.Repeat(1L, 10)], [], [message.Hash], [message.Hash], [9L], KeyAllocator.Owner(Self));

        async Task<Dictionary<string, long>> CheckAsync()
        {
            await using var transaction = await connection.BeginTransactionAsync();
            // As the journal checks in one round trip (the statements compare), then as it checks in two (they return the rows).
            foreach (var asserting in new[] { expected, null })
            {
                await using var batch = new NpgsqlBatch(connection, transaction);
                Assert.NotNull(ClaimCheck.Add(batch, [claims], asserting));
                await batch.ExecuteNonQueryAsync();
            }

            var fetched = await CachedPlans.FetchedAsync(connection, transaction, "process_instances", "subscriptions");
            await transaction.RollbackAsync();
            return fetched;
        }

        // Npgsql prepares the statements at their second use; their first execution as prepared statements makes the plans.
        for (var i = 0; i < 3; i++)
        {
            await CheckAsync();
        }

        await CachedPlans.ExecuteAsync(connection, CachedPlans.InsertInstances(1, 20_000) + "; " + Subscriptions(100, 20_100));

        var read = await CheckAsync();
        Assert.InRange(read["process_instances"], 20, 400);
        Assert.InRange(read["subscriptions"], 2, 40);

        static string Subscriptions(long from, long to) =>
            InsertSubscriptions($"SELECT g, 'MESSAGE', 1, 'scanned', 'parcel.scanned', 'order-' || g, now(), 0 FROM generate_series({from}, {to}) g");
    }

    /// <summary>A fresh database holding instance <see cref="Instance"/> at revision 1, written by the journal (in one round trip).</summary>
    private async Task<JournalWriter> StartAsync()
    {
        _database = await _created.CreateAsync();
        _writer = new JournalWriter(_database.CreateContext, maxBatch: 64, clusterNode: Self);
        await CommitAsync(_writer, CreatedClaims(Instance), new RowChange(InstanceRow(Instance), RowOp.Insert, Instance));
        return _writer;
    }

    private string Named => _created.ConnectionString;

    private static ProcessInstanceRow InstanceRow(long key) => new()
    {
        Key = key, ProcessDefinitionKey = 1, BpmnProcessId = "p", Version = 1, State = "ACTIVE",
        StartDate = DateTimeOffset.UnixEpoch, Revision = 1, Elements = "[]",
    };

    private static CommitClaims CreatedClaims(long key)
    {
        var claims = new CommitClaims();
        claims.Created.Add(key);
        return claims;
    }

    private static CommitClaims RevisionClaims(params (long Key, long Revision)[] revisions)
    {
        var claims = new CommitClaims();
        foreach (var (key, revision) in revisions)
        {
            claims.Revisions[key] = revision;
        }

        return claims;
    }

    /// <summary>Until a session of the test's database waits for a lock (the journal's check, for the row another transaction holds).</summary>
    private async Task WaitForALockWaitAsync()
    {
        await using var connection = new NpgsqlConnection(Named);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", connection);
        while ((long)(await command.ExecuteScalarAsync())! == 0)
        {
            await Task.Delay(10);
        }
    }

    private static async Task CommitAsync(JournalWriter writer, CommitClaims claims, params RowChange[] changes) =>
        await writer.WhenDurable(writer.Enqueue([.. changes], claims));

    private static RowChange VariableOf(string name) =>
        new(new VariableRow { ScopeKey = Instance, Name = name, Key = 100 + name.Length, ProcessInstanceKey = Instance, Value = "1" }, RowOp.Insert, (Instance, name));

    private static RowChange Revised(long key, long revision) =>
        new(new ProcessInstanceRow { Key = key, BpmnProcessId = "p", State = "ACTIVE", Revision = revision, Elements = "[]" }, RowOp.Patch, key,
            Patched: [nameof(ProcessInstanceRow.Revision)]);

    private async Task<List<string>> VariablesAsync()
    {
        await using var context = _database!.CreateContext();
        return [.. context.Variables.Select(v => v.Name).OrderBy(n => n)];
    }

    private async Task<long> RevisionAsync(long key = Instance)
    {
        await using var context = _database!.CreateContext();
        return context.ProcessInstances.Single(i => i.Key == key).Revision;
    }

    /// <summary>The statement that adds the message subscriptions <paramref name="rows"/> (VALUES or a SELECT) gives.</summary>
    private static string InsertSubscriptions(string rows) =>
        "INSERT INTO subscriptions (\"Key\", \"Kind\", \"ProcessDefinitionKey\", \"CatchElementId\", \"Name\", \"CorrelationKey\", \"DueDate\", \"RepetitionsLeft\") " + rows;

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Named);
        await connection.OpenAsync();
        await CachedPlans.ExecuteAsync(connection, sql);
    }
}
