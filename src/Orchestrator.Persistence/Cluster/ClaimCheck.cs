using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace Orchestrator.Persistence.Cluster;

/// <summary>
/// Checks the claims of a batch of commits in its transaction, before anything is written (PostgreSQL, one round trip): locks
/// the definitions they undeployed (<c>FOR UPDATE</c>, then whether instances of them exist) and those they started or migrated
/// instances to (<c>FOR SHARE</c>), the rows of the instances they changed in key order (<c>FOR UPDATE</c>), then takes a transaction
/// lock on each predicate in key order (but the read-only <see cref="PredicateKind.LatestVersion"/>), then reads the rows that
/// match the predicates. Nodes take their locks in one order, so two batches wait for each other but seldom deadlock (an
/// undeployment and a start in one batch can; the database breaks that and the batch goes again); a row another node
/// committed while this one waited is read after the wait. Given what must hold (<see cref="Expected"/>), the statements
/// compare it themselves and fail the transaction when it does not hold (<see cref="BrokenFunction"/>): the journal then commits
/// in the same round trip.
/// </summary>
internal static class ClaimCheck
{
    /// <summary>The nodes' rows of <paramref name="claims"/> as they are now: instance revisions, and the keys matching each predicate.</summary>
    public static async Task<Found> ReadAsync(NpgsqlConnection connection, DbTransaction transaction, IReadOnlyCollection<CommitClaims> claims)
    {
        await using var batch = new NpgsqlBatch(connection, (NpgsqlTransaction)transaction);
        if (Add(batch, claims) is not { } reading)
        {
            return Found.Nothing;
        }

        await using var reader = await batch.ExecuteReaderAsync().ConfigureAwait(false);
        return await ReadAsync(reader, reading).ConfigureAwait(false);
    }

    /// <summary>What a check found (<see cref="ReadAsync(NpgsqlConnection, DbTransaction, IReadOnlyCollection{CommitClaims})"/>).</summary>
    /// <param name="Revisions">The claimed instances' revisions.</param>
    /// <param name="Matches">The keys of the rows matching each predicate, by its hash.</param>
    /// <param name="Definitions">The claimed definitions that are deployed.</param>
    /// <param name="Used">The definitions to undeploy that have instances.</param>
    public sealed record Found(Dictionary<long, long> Revisions, ILookup<long, long> Matches, HashSet<long> Definitions, HashSet<long> Used)
    {
        /// <summary>Nothing to check.</summary>
        public static Found Nothing => new([], Array.Empty<(long, long)>().ToLookup(m => m.Item1, m => m.Item2), [], []);
    }

    /// <summary>How many results of each kind a check's statements return, to read them (<see cref="Add"/>).</summary>
    public sealed record Reading(bool Removes, bool Definitions, bool Instances, bool Predicates, int MatchQueries);

    /// <summary>
    /// What the database must hold for every claim of a batch to hold, worked out from the claims alone (the journal's bet that
    /// none is broken): the server checks it itself and fails the transaction when it does not hold (<see cref="BrokenFunction"/>),
    /// so that the batch can commit in the round trip that checks it.
    /// </summary>
    /// <param name="Instances">Instances whose rows must exist with the revision at the same index of <paramref name="Revisions"/>.</param>
    /// <param name="Revisions">Their revisions.</param>
    /// <param name="Definitions">Definitions that must be deployed (those the batch deploys itself are not among them).</param>
    /// <param name="Predicates">Predicates whose matching rows must all be this node's or known.</param>
    /// <param name="KnownHashes">With <paramref name="KnownKeys"/>: each predicate's matching rows of other nodes that are known.</param>
    /// <param name="KnownKeys">The keys of those rows.</param>
    /// <param name="Owner">The top bits of this node's keys (<see cref="Store.KeyAllocator.Owner"/>).</param>
    public sealed record Expected(long[] Instances, long[] Revisions, long[] Definitions, long[] Predicates, long[] KnownHashes, long[] KnownKeys, long Owner);

    /// <summary>The function (migration <c>ClaimAssertions</c>) that fails the transaction when a claim no longer holds (SQLSTATE <c>OR001</c>).</summary>
    public const string BrokenFunction = "orchestrator_claim_broken";

    /// <summary>
    /// Adds the check's statements to <paramref name="batch"/> (before anything else the batch writes: they take the locks); null
    /// when the claims ask nothing of the database. Read their results first with <see cref="ReadAsync(NpgsqlDataReader, Reading)"/>
    /// — or, given what the database must hold for them all to hold (<paramref name="expected"/>), the statements fail the
    /// transaction themselves when it does not, and what they return need not be read.
    /// </summary>
    public static Reading? Add(NpgsqlBatch batch, IReadOnlyCollection<CommitClaims> claims, Expected? expected = null)
    {
        var instances = claims.SelectMany(c => c.Revisions.Keys).Distinct().Order().ToArray();
        var predicates = claims.SelectMany(c => c.Predicates.Values.Select(p => (Predicate: p, c.Now)))
            .DistinctBy(p => p.Predicate.Hash).OrderBy(p => p.Predicate.Hash).ToList();
        var definitions = claims.SelectMany(c => c.Reads).Distinct().Order().ToArray();
        var removes = claims.SelectMany(c => c.Removes).Distinct().Order().ToArray();
        if (instances.Length + predicates.Count + definitions.Length + removes.Length == 0)
        {
            return null;
        }

        batch.BatchCommands.Add(new NpgsqlBatchCommand(ChangeFeed.ByIndex));
        if (removes.Length > 0)
        {
            // Definitions undeployed: a start on another node that checked one FOR SHARE has committed once this lock is held,
            // and the next statement (a snapshot of its own) sees its instance; a later start waits and finds the row gone.
            batch.BatchCommands.Add(Command(
                "SELECT \"Key\" FROM process_definitions WHERE \"Key\" = ANY(@keys) ORDER BY \"Key\" FOR UPDATE", ("keys", removes)));
            batch.BatchCommands.Add(Command(
                "SELECT DISTINCT \"ProcessDefinitionKey\" FROM process_instances WHERE \"ProcessDefinitionKey\" = ANY(@keys)", ("keys", removes)));
        }

        if (definitions.Length > 0)
        {
            // The definitions new instances start from or instances migrate to: an undeployment on another node waits for this
            // transaction, or went first.
            batch.BatchCommands.Add(Command(
                "SELECT \"Key\" FROM process_definitions WHERE \"Key\" = ANY(@keys) ORDER BY \"Key\" FOR SHARE", ("keys", definitions)));
            if (expected is { Definitions.Length: > 0 })
            {
                batch.BatchCommands.Add(Command(
                    $"SELECT {BrokenFunction}('definition ' || d.k) FROM unnest(@keys) AS d(k) " +
                    "WHERE NOT EXISTS (SELECT 1 FROM process_definitions p WHERE p.\"Key\" = d.k OFFSET 0)", ("keys", expected.Definitions)));
            }
        }

        if (instances.Length > 0)
        {
            batch.BatchCommands.Add(Command(
                "SELECT \"Key\", \"Revision\" FROM process_instances WHERE \"Key\" = ANY(@keys) ORDER BY \"Key\" FOR UPDATE",
                ("keys", instances)));
            if (expected is not null)
            {
                // The rows are locked: what this statement reads stays so until the commit. Each row by a lookup of its own, as the
                // predicates' below.
                batch.BatchCommands.Add(Command(
                    $"SELECT {BrokenFunction}('instance ' || e.k) FROM unnest(@keys, @revisions) AS e(k, r) LEFT JOIN LATERAL " +
                    "(SELECT i.\"Revision\" FROM process_instances i WHERE i.\"Key\" = e.k OFFSET 0) AS i(r) ON true WHERE i.r IS DISTINCT FROM e.r",
                    ("keys", expected.Instances), ("revisions", expected.Revisions)));
            }
        }

        var matchQueries = 0;
        if (predicates.Count > 0)
        {
            batch.BatchCommands.Add(Command(
                "SELECT pg_advisory_xact_lock(h) FROM unnest(@hashes) WITH ORDINALITY AS p(h, n) ORDER BY n",
                ("hashes", predicates.Where(p => p.Predicate.Locked).Select(p => p.Predicate.Hash).ToArray())));
            // Each predicate's rows are looked up by a subquery of their own (LATERAL; OFFSET 0 keeps the planner from merging it
            // into a join): whatever the statistics when PostgreSQL cached the plan (a new database's small tables), it can only
            // read the predicate's rows through their index. As a join, planned on two subscriptions, it hashed the predicates
            // and read every subscription of the message's name on each call (all of them, in an after-sales shop).
            matchQueries += AddMatches(batch, predicates, expected, PredicateKind.Message,
                "SELECT p.h, s.k FROM unnest(@h, @a, @b, @t) AS p(h, a, b, t) CROSS JOIN LATERAL " +
                "(SELECT s.\"Key\" FROM subscriptions s WHERE s.\"Name\" = p.a AND s.\"CorrelationKey\" = p.b OFFSET 0) AS s(k) " +
                "UNION ALL SELECT p.h, m.k FROM unnest(@h, @a, @b, @t) AS p(h, a, b, t) CROSS JOIN LATERAL " +
                "(SELECT m.\"Key\" FROM messages m WHERE m.\"Name\" = p.a AND m.\"CorrelationKey\" = p.b AND m.\"ExpiresAt\" > p.t OFFSET 0) AS m(k)");
            matchQueries += AddMatches(batch, predicates, expected, PredicateKind.MessageId,
                "SELECT p.h, m.k FROM unnest(@h, @a, @b, @t) AS p(h, a, b, t) CROSS JOIN LATERAL " +
                "(SELECT m.\"Key\" FROM messages m WHERE m.\"MessageId\" = p.a AND m.\"ExpiresAt\" > p.t OFFSET 0) AS m(k)");
            matchQueries += AddMatches(batch, predicates, expected, PredicateKind.StartTimer,
                "SELECT p.h, 0::bigint FROM unnest(@h, @a, @b, @t) AS p(h, a, b, t) LEFT JOIN LATERAL " +
                "(SELECT s.\"Key\", s.\"DueDate\" FROM subscriptions s WHERE s.\"Key\" = p.a::bigint OFFSET 0) AS s(k, due) ON true " +
                "WHERE s.k IS NULL OR floor(extract(epoch FROM s.due) * 1000)::bigint <> p.b::bigint");
            matchQueries += AddMatches(batch, predicates, expected, PredicateKind.LatestVersion,
                "SELECT p.h, 0::bigint FROM unnest(@h, @a, @b, @t) AS p(h, a, b, t) CROSS JOIN LATERAL " +
                "(SELECT 1 FROM process_definitions d WHERE d.\"BpmnProcessId\" = p.a AND d.\"Version\" > p.b::int OFFSET 0) AS d(one)");
            matchQueries += AddMatches(batch, predicates, expected, PredicateKind.MessageStart,
                "SELECT p.h, i.k FROM unnest(@h, @a, @b, @t) AS p(h, a, b, t) CROSS JOIN LATERAL " +
                "(SELECT i.\"Key\" FROM process_instances i WHERE i.\"BpmnProcessId\" = p.a AND i.\"MessageCorrelationKey\" = p.b " +
                "AND i.\"State\" = 'ACTIVE' OFFSET 0) AS i(k)");
        }

        // The rest of the transaction writes rows by key (the planner's choice).
        batch.BatchCommands.Add(new NpgsqlBatchCommand(ChangeFeed.AnyScan));
        return new Reading(removes.Length > 0, definitions.Length > 0, instances.Length > 0, predicates.Count > 0, matchQueries);
    }

    /// <summary>Reads the results of the check's statements (<see cref="Add"/>), the first of <paramref name="reader"/>'s.</summary>
    public static async Task<Found> ReadAsync(NpgsqlDataReader reader, Reading reading)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(reading);
        var revisions = new Dictionary<long, long>();
        var matches = new List<(long Hash, long Key)>();
        var deployed = new HashSet<long>();
        var used = new HashSet<long>();
        await reader.NextResultAsync().ConfigureAwait(false);
        if (reading.Removes)
        {
            // The locks' result, then the undeployed definitions that have instances.
            await reader.NextResultAsync().ConfigureAwait(false);
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                used.Add(reader.GetInt64(0));
            }

            await reader.NextResultAsync().ConfigureAwait(false);
        }

        if (reading.Definitions)
        {
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                deployed.Add(reader.GetInt64(0));
            }

            await reader.NextResultAsync().ConfigureAwait(false);
        }

        if (reading.Instances)
        {
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                revisions[reader.GetInt64(0)] = reader.GetInt64(1);
            }

            await reader.NextResultAsync().ConfigureAwait(false);
        }

        if (reading.Predicates)
        {
            // The locks' result.
            await reader.NextResultAsync().ConfigureAwait(false);
            for (var query = 0; query < reading.MatchQueries; query++)
            {
                while (await reader.ReadAsync().ConfigureAwait(false))
                {
                    matches.Add((reader.GetInt64(0), reader.GetInt64(1)));
                }

                await reader.NextResultAsync().ConfigureAwait(false);
            }
        }

        return new Found(revisions, matches.ToLookup(m => m.Hash, m => m.Key), deployed, used);
    }

    /// <summary>
    /// Adds the query of the predicates of <paramref name="kind"/>, if any; returns how many queries it added. Given
    /// <paramref name="expected"/>, the query fails the transaction on a matching row that is neither this node's nor known instead
    /// of returning the rows.
    /// </summary>
    private static int AddMatches(NpgsqlBatch batch, List<(Predicate Predicate, DateTimeOffset Now)> predicates, Expected? expected, PredicateKind kind, string sql)
    {
        var of = predicates.Where(p => p.Predicate.Kind == kind).ToList();
        if (of.Count == 0)
        {
            return 0;
        }

        var parameters = new List<(string, object)>
        {
            ("h", of.Select(p => p.Predicate.Hash).ToArray()),
            ("a", of.Select(p => p.Predicate.First).ToArray()),
            ("b", of.Select(p => p.Predicate.Second ?? "").ToArray()),
            ("t", of.Select(p => p.Now).ToArray()),
        };
        if (expected is not null)
        {
            sql = $"SELECT {BrokenFunction}('predicate ' || x.h) FROM ({sql}) AS x(h, k) " +
                "WHERE x.h = ANY(@checked) AND x.k >> " + Store.KeyAllocator.NodeShift.ToString(System.Globalization.CultureInfo.InvariantCulture) + " <> @owner " +
                "AND NOT EXISTS (SELECT 1 FROM unnest(@known_h, @known_k) AS n(h, k) WHERE n.h = x.h AND n.k = x.k)";
            parameters.Add(("checked", expected.Predicates));
            parameters.Add(("owner", expected.Owner));
            parameters.Add(("known_h", expected.KnownHashes));
            parameters.Add(("known_k", expected.KnownKeys));
        }

        batch.BatchCommands.Add(Command(sql, [.. parameters]));
        return 1;
    }

    private static NpgsqlBatchCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(value is DateTimeOffset[]
                ? new NpgsqlParameter(name, NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = value }
                : new NpgsqlParameter(name, value));
        }

        return command;
    }
}
