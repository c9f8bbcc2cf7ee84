using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Orchestrator.Persistence.Cluster;

namespace Orchestrator.Persistence.Store;

/// <summary>
/// Writes committed commands to the database on one background loop. Whatever queued while the previous
/// write ran goes into the next transaction together (group commit): one fsync for many commands, and
/// changes to the same row merged. Nobody is told a command is durable before its transaction committed.
/// On a database several nodes share, each commit carries its <see cref="CommitClaims"/>: a commit whose claims another
/// node's commit broke is left out of the transaction (its waiters hear <see cref="CommitConflictException"/>), and so is
/// every commit after it that built on what it wrote, until the store has read that again (<see cref="TakeStale"/>,
/// <see cref="Cleared"/>).
/// </summary>
internal sealed class JournalWriter : IAsyncDisposable
{
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<OrchestratorDbContext> _contexts;
    private readonly int _maxBatch;
    private readonly int? _clusterNode;
    private readonly object _waitersGate = new();
    private readonly PriorityQueue<TaskCompletionSource, long> _waiters = new();
    private readonly SortedSet<long> _rejected = [];
    private readonly Dictionary<long, long> _poisoned = [];

    /// <summary>The commits left out because the database refused a value of theirs, with what it said (<see cref="CommitRefusedException"/>).</summary>
    private readonly Dictionary<long, string> _refused = [];
    private ChangeKeys _stale = new();
    private long _rejections;
    private readonly Task _loop;
    private RowWriter? _rows;

    /// <summary>
    /// The context, and its open connection, that every batch writes with: one batch at a time, and taking a connection from the
    /// pool for each cost a reset of its session on the server (six statements) and a new context with its services each time.
    /// </summary>
    private OrchestratorDbContext? _context;

    /// <summary>When <see cref="_context"/> last wrote.</summary>
    private long _contextUsed;

    /// <summary>How long the shared connection may stand idle before the next batch opens a new one (the pool's own idle limit is 300 s).</summary>
    private static readonly TimeSpan MaxIdle = TimeSpan.FromSeconds(60);
    /// <summary>
    /// On a shared database, a batch of fewer commits than this (but more than one: commands are running) waits
    /// <see cref="Linger"/> for more before it is written. Two nodes on one database each write half as many commits per
    /// transaction as one node would; waiting 2 ms when a batch was small (measured waiting at any size below 12, a batch of
    /// one included) cut PostgreSQL's CPU by about 15% and the nodes' by about 8% for the same instances (two nodes sharing two
    /// cores: 677–696 instances/s against 565–626, message p99 34–37 ms against 41). A lone command (a batch of one) never waits.
    /// </summary>
    private const int SmallBatch = 12;

    private static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(2);
    private long _enqueued;
    private long _durable;
    private StoreFaultedException? _fault;

    /// <param name="contexts">Contexts on the database.</param>
    /// <param name="maxBatch">The most commits in one transaction.</param>
    /// <param name="clusterNode">On a database several nodes share: this node's id, written with the keys every transaction touched
    /// to the change feed (<see cref="Rows.ChangeRow"/>), and announced to the other nodes when it commits.</param>
    public JournalWriter(Func<OrchestratorDbContext> contexts, int maxBatch, int? clusterNode = null)
    {
        _contexts = contexts;
        _maxBatch = maxBatch;
        _clusterNode = clusterNode;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Raised once when a write failed; the host should stop.</summary>
    public event Action<StoreFaultedException>? Faulted;

    /// <summary>How many commits were queued so far.</summary>
    public long Enqueued => Volatile.Read(ref _enqueued);

    /// <summary>How many batches went to the database (for benchmarks).</summary>
    public long Batches { get; private set; }

    /// <summary>How many batches on a shared database were checked, written and committed in one round trip.</summary>
    public long OneTrips { get; private set; }

    /// <summary>The failure that stopped the writer, if any.</summary>
    public StoreFaultedException? Fault => _fault;

    /// <summary>Raised on the writer's loop after each batch that left commits out (the store reads their state again).</summary>
    public event Action? Conflicted;

    /// <summary>Raised on the writer's loop after each batch.</summary>
    public event Action? Settled;

    /// <summary>The highest sequence written or left out: every commit up to it is settled.</summary>
    public long SettledSequence
    {
        get
        {
            lock (_waitersGate)
            {
                return _durable;
            }
        }
    }

    /// <summary>Queues one command's rows (with its claims on a shared database); returns its sequence number.</summary>
    public long Enqueue(List<RowChange> changes, CommitClaims? claims = null)
    {
        if (_fault is not null)
        {
            throw _fault;
        }

        var sequence = Interlocked.Increment(ref _enqueued);
        _queue.Writer.TryWrite(new Pending(sequence, changes, claims));
        return sequence;
    }

    /// <summary>
    /// Completes when every commit up to <paramref name="sequence"/> is in the database; fails with
    /// <see cref="CommitConflictException"/> when that one was left out.
    /// </summary>
    public Task WhenDurable(long sequence)
    {
        lock (_waitersGate)
        {
            if (_fault is not null)
            {
                return Task.FromException(_fault);
            }

            if (_durable >= sequence)
            {
                return _rejected.Contains(sequence) ? Task.FromException(LeftOut(sequence)) : Task.CompletedTask;
            }

            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Enqueue(waiter, sequence);
            return waiter.Task;
        }
    }

    /// <summary>
    /// What the commits left out so far wrote (the store reads it again) and the keys they build on; call <see cref="Cleared"/>
    /// with those once memory holds them again.
    /// </summary>
    public (ChangeKeys Keys, HashSet<long> Poisoned, long Rejections) TakeStale()
    {
        lock (_waitersGate)
        {
            var keys = _stale;
            _stale = new ChangeKeys();
            return (keys, _poisoned.Where(p => p.Value == long.MaxValue).Select(p => p.Key).ToHashSet(), _rejections);
        }
    }

    /// <summary>Gives back what <see cref="TakeStale"/> took when reading it failed.</summary>
    public void Restale(ChangeKeys keys)
    {
        lock (_waitersGate)
        {
            _stale.Add(keys);
        }
    }

    /// <summary>
    /// Memory holds <paramref name="keys"/> as the database has them for every commit after <paramref name="sequence"/>: those may build
    /// on them again — unless commits were left out since <see cref="TakeStale"/> counted <paramref name="rejections"/> (they may have
    /// poisoned the keys again; the recovery they start clears them).
    /// </summary>
    public void Cleared(IEnumerable<long> keys, long sequence, long rejections)
    {
        lock (_waitersGate)
        {
            if (_rejections != rejections)
            {
                return;
            }

            foreach (var key in keys)
            {
                if (_poisoned.ContainsKey(key))
                {
                    _poisoned[key] = sequence;
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        finally
        {
            await CloseAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Why commit <paramref name="sequence"/> was left out; call it holding <see cref="_waitersGate"/>.</summary>
    private Exception LeftOut(long sequence) =>
        _refused.TryGetValue(sequence, out var refusal) ? new CommitRefusedException(refusal)
        : new CommitConflictException($"commit {sequence} was left out: another node changed what it built on first; run the command again");

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<Pending>();
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < _maxBatch && reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            if (_clusterNode is not null && batch.Count is > 1 and < SmallBatch && batch.Count < _maxBatch)
            {
                // Several commits came while the last batch was written, but few: others are on their way. A transaction's
                // statements, commit and notification cost the database and the node about as much for ten commits as for thirty.
                await Task.Delay(Linger).ConfigureAwait(false);
                while (batch.Count < _maxBatch && reader.TryRead(out var pending))
                {
                    batch.Add(pending);
                }
            }

            var started = Stopwatch.GetTimestamp();
            HashSet<long> rejected;
            try
            {
                rejected = await WriteOrIsolateAsync(batch).ConfigureAwait(false);
            }
            catch (Exception exception) when (_clusterNode is not null && IsConflict(exception))
            {
                // Two nodes deployed the same version, or their transactions deadlocked: the whole batch goes again.
                rejected = [.. batch.Select(p => p.Sequence)];
            }
            catch (Exception exception)
            {
                // Whatever the write threw (a refused row, a value the provider cannot send), every waiter hears of it:
                // none may wait forever on a commit that will never be durable.
                Fail(new StoreFaultedException($"writing {batch.Count} commits to the database failed: {exception.Message}", exception));
                return;
            }

            JournalMetrics.Committed(batch.Count - rejected.Count, rejected.Count, Stopwatch.GetElapsedTime(started));
            Batches++;
            Release(batch, rejected);
            batch.Clear();
            if (rejected.Count > 0)
            {
                Conflicted?.Invoke();
            }

            Settled?.Invoke();
        }
    }

    /// <summary>Writes the batch; when the database refuses a value of it, the commits that carry it are left out and the others written.</summary>
    private async Task<HashSet<long>> WriteOrIsolateAsync(List<Pending> batch)
    {
        try
        {
            return await WriteAsync(batch).ConfigureAwait(false);
        }
        catch (PostgresException exception) when (_clusterNode is not null && IsRefusal(exception))
        {
            return await IsolateAsync(batch).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Whether PostgreSQL refused a value rather than the transaction: a data exception (class 22: text it cannot hold, a number
    /// or date out of range) or a program limit (class 54: an index entry over about 2,700 bytes). The same commit fails again.
    /// </summary>
    private static bool IsRefusal(PostgresException exception) =>
        exception.SqlState.StartsWith("22", StringComparison.Ordinal) || exception.SqlState.StartsWith("54", StringComparison.Ordinal);

    /// <summary>
    /// After a batch failed on a value (<see cref="IsRefusal"/>): writes its commits one transaction each, in order, so that only
    /// the commits the database refuses are left out (their waiters hear <see cref="CommitRefusedException"/>) — with those that
    /// build on them — instead of the writer stopping, and the node with it, at one bad value. Returns the commits left out.
    /// </summary>
    private async Task<HashSet<long>> IsolateAsync(List<Pending> batch)
    {
        var rejected = new HashSet<long>();
        var refusedKeys = new HashSet<long>();
        foreach (var pending in batch)
        {
            if (pending.Claims?.Touches(refusedKeys) == true)
            {
                rejected.Add(pending.Sequence);
                continue;
            }

            try
            {
                rejected.UnionWith(await WriteAsync([pending]).ConfigureAwait(false));
            }
            catch (Exception exception) when (IsConflict(exception))
            {
                rejected.Add(pending.Sequence);
            }
            catch (PostgresException exception) when (IsRefusal(exception))
            {
                rejected.Add(pending.Sequence);
                lock (_waitersGate)
                {
                    _refused[pending.Sequence] = $"the database refused what the command would store, and nothing of it was written: {exception.MessageText}";
                }

                refusedKeys.UnionWith(pending.Claims?.Changed ?? []);
            }
        }

        return rejected;
    }

    private static bool IsConflict(Exception exception) =>
        exception is DbUpdateConcurrencyException or PostgresException { SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure }
        || exception.InnerException is { } inner && IsConflict(inner);

    /// <summary>Writes the batch in one transaction; returns the sequences of the commits it left out.</summary>
    private async Task<HashSet<long>> WriteAsync(List<Pending> batch)
    {
        if (Stopwatch.GetElapsedTime(_contextUsed) > MaxIdle)
        {
            // Idle long enough for something on the way (a firewall, a proxy, the server's idle timeout) to have dropped it.
            await CloseAsync().ConfigureAwait(false);
        }

        try
        {
            return await WriteAsync(_context ??= _contexts(), batch).ConfigureAwait(false);
        }
        catch
        {
            // The connection may be broken or still in the failed transaction: the next batch opens a new one.
            await CloseAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            _contextUsed = Stopwatch.GetTimestamp();
        }
    }

    /// <summary>Closes the connection the batches share (<see cref="_context"/>); one that fails to close (a broken one) is let go.</summary>
    private async Task CloseAsync()
    {
        if (_context is { } context)
        {
            _context = null;
            try
            {
                await context.DisposeAsync().ConfigureAwait(false);
            }
            catch (System.Data.Common.DbException)
            {
                // Broken already: nothing to give back to the pool.
            }
        }
    }

    private async Task<HashSet<long>> WriteAsync(OrchestratorDbContext context, List<Pending> batch)
    {
        _rows ??= new RowWriter(context.Model);
        var connection = context.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await context.Database.OpenConnectionAsync().ConfigureAwait(false);
        }

        if (_clusterNode is { } cluster && connection is NpgsqlConnection shared)
        {
            if (await WriteAtOnceAsync(context, shared, batch, cluster).ConfigureAwait(false))
            {
                return [];
            }

            JournalMetrics.CheckedTwice();
        }

        await using var transaction = await context.Database.BeginTransactionAsync().ConfigureAwait(false);
        var rejected = new HashSet<long>();
        if (_clusterNode is { } self && connection is NpgsqlConnection postgres)
        {
            rejected = Evaluate(batch, await ClaimCheck.ReadAsync(postgres, transaction.GetDbTransaction(), Claims(batch)).ConfigureAwait(false), Poisoned(), self);
        }

        var rows = Merge(batch.Where(p => !rejected.Contains(p.Sequence)).SelectMany(p => p.Changes));
        var (append, payload) = _clusterNode is { } node && rows.Count > 0 ? ChangeFeed.Append(node, ChangeKeys.Of(rows)) : default;
        await _rows.WriteAsync(connection, transaction.GetDbTransaction(), rows, payload is null ? null : append, CancellationToken.None).ConfigureAwait(false);
        await CommitAsync(transaction, payload).ConfigureAwait(false);
        return rejected;
    }

    /// <summary>Commits the batch's transaction, telling the other nodes in the same round trip when it appended to the feed (<paramref name="payload"/>).</summary>
    private static async Task CommitAsync(IDbContextTransaction transaction, string? payload)
    {
        if (payload is not null && transaction.GetDbTransaction() is NpgsqlTransaction { Connection: { } connection } postgres)
        {
            await ChangeFeed.CommitAndNotifyAsync(connection, postgres, payload).ConfigureAwait(false);
        }
        else
        {
            await transaction.CommitAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// On a shared PostgreSQL database, bets that every claim of the batch holds (a conflict between nodes is rare): checks them
    /// and writes every commit's rows in one round trip, the check's locks first as in two. When the claims alone tell what the
    /// database must hold for them all to hold (<see cref="Expect"/>: no commit undeploys), the statements check that themselves,
    /// and the rows each update affects, failing the transaction otherwise, and the COMMIT and the notification go in the same
    /// round trip; else the node reads what the check found and commits if every claim held (a second round trip). The check's
    /// round trip of its own cost a loaded node a tenth of its batches' time, the commit's about a sixth (1.5 of 8.5 ms, timed
    /// on a loaded node). Returns false, having written nothing, when a claim did not hold, the server refused the rows (a
    /// duplicate, a deadlock, a value: rows of a commit the check would have left out may be the cause), or a commit of the
    /// batch builds on one left out before: the batch is then checked first and written after.
    /// </summary>
    private async Task<bool> WriteAtOnceAsync(OrchestratorDbContext context, NpgsqlConnection connection, List<Pending> batch, int self)
    {
        var poisoned = Poisoned();
        if (poisoned.Count > 0)
        {
            return false;
        }

        var rows = Merge(batch.SelectMany(p => p.Changes));
        var claims = Claims(batch);
        if (rows.Count == 0 && claims.Count == 0)
        {
            // Nothing to check or write.
            return true;
        }

        var (append, payload) = rows.Count > 0 ? ChangeFeed.Append(self, ChangeKeys.Of(rows)) : default;
        await using var transaction = await context.Database.BeginTransactionAsync().ConfigureAwait(false);
        var postgres = (NpgsqlTransaction)transaction.GetDbTransaction();
        await using var command = new NpgsqlBatch(connection, postgres);
        var expected = Expect(batch, self);
        var reading = ClaimCheck.Add(command, claims, expected);
        var check = _rows!.Add(command, rows, payload is null ? null : append, asserting: expected is not null);
        if (command.BatchCommands.Count == 0)
        {
            // Claims that ask nothing of the database, and no rows.
            await transaction.CommitAsync().ConfigureAwait(false);
            return true;
        }

        if (expected is not null)
        {
            // The statements fail the transaction themselves when a claim or a row count does not hold: commit in the same round trip.
            var commit = ChangeFeed.AddCommit(command, payload);
            try
            {
                await command.ExecuteNonQueryAsync().ConfigureAwait(false);
            }
            catch (PostgresException exception) when (!ChangeFeed.Committed(commit) && exception.InvariantSeverity == "ERROR")
            {
                // Nothing was written (the server skipped the rest of the batch, COMMIT included, and the transaction rolls back):
                // a claim or a row count did not hold, or the rows were refused. The two round trips find out which commits to leave
                // out. A fatal error (the session ended: whether the COMMIT took is unknown) is not caught: the store stops.
                return false;
            }
            catch (System.Data.Common.DbException) when (ChangeFeed.Committed(commit))
            {
                // Written; only the notification failed (the others read the feed at their periodic catch-up).
            }

            OneTrips++;
            return true;
        }

        try
        {
            await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
            var found = reading is null ? ClaimCheck.Found.Nothing : await ClaimCheck.ReadAsync(reader, reading).ConfigureAwait(false);
            if (Evaluate(batch, found, poisoned, self).Count > 0)
            {
                return false;
            }
        }
        catch (Exception exception) when (IsConflict(exception) || exception is PostgresException)
        {
            // Rows of a commit the check would have left out may be what failed: the two round trips find out.
            return false;
        }

        // Every claim held, so the rows are what two round trips would write: a revision that moved fails the batch as it would there.
        check();
        await CommitAsync(transaction, payload).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// What the database must hold for every claim of <paramref name="batch"/> to hold (<see cref="Evaluate"/> leaving none out),
    /// worked out as <see cref="Evaluate"/> does with each commit's claims holding; null when the claims alone show that one does
    /// not (a revision another commit of the batch moved elsewhere, a definition one undeployed), or when a commit undeploys (rare:
    /// checked in the reply).
    /// </summary>
    private static ClaimCheck.Expected? Expect(List<Pending> batch, int self)
    {
        var revisions = new Dictionary<long, long>();
        var stored = new Dictionary<long, long>();
        var written = new HashSet<long>();
        var definitions = new HashSet<long>();
        var known = new Dictionary<long, HashSet<long>>();
        foreach (var claim in batch.Select(p => p.Claims).OfType<CommitClaims>())
        {
            if (claim.Removes.Count > 0)
            {
                return null;
            }

            foreach (var (key, revision) in claim.Revisions)
            {
                if (!revisions.TryGetValue(key, out var now))
                {
                    stored[key] = revision;
                }
                else if (now != revision)
                {
                    return null;
                }

                revisions[key] = revision + 1;
            }

            definitions.UnionWith(claim.Reads.Where(key => !written.Contains(key)));
            foreach (var predicate in claim.Predicates.Values.Where(p => !p.AnyKnown))
            {
                if (known.TryGetValue(predicate.Hash, out var keys))
                {
                    keys.IntersectWith(predicate.Known);
                }
                else
                {
                    known[predicate.Hash] = [.. predicate.Known];
                }
            }

            foreach (var key in claim.Created)
            {
                revisions[key] = 1;
            }

            written.UnionWith(claim.Writes);
        }

        var pairs = known.SelectMany(k => k.Value.Select(key => (Hash: k.Key, Key: key))).ToList();
        return new ClaimCheck.Expected([.. stored.Keys], [.. stored.Values], [.. definitions], [.. known.Keys],
            [.. pairs.Select(p => p.Hash)], [.. pairs.Select(p => p.Key)], KeyAllocator.Owner(self));
    }

    private static List<CommitClaims> Claims(List<Pending> batch) => [.. batch.Select(p => p.Claims).OfType<CommitClaims>()];

    /// <summary>The keys whose commits were left out, with the last sequence that may build on them (<see cref="Cleared"/>).</summary>
    private HashSet<long> Poisoned()
    {
        lock (_waitersGate)
        {
            return _poisoned.Count == 0 ? [] : _poisoned.Keys.ToHashSet();
        }
    }

    /// <summary>Which commits of the batch to leave out: those whose claims no longer hold, and those that build on them.</summary>
    private HashSet<long> Evaluate(List<Pending> batch, ClaimCheck.Found found, HashSet<long> poisoned, int self)
    {
        var (revisions, matches, deployed, used) = found;
        var rejected = new HashSet<long>();
        var stale = new HashSet<long>();
        foreach (var pending in batch)
        {
            if (pending.Claims is not { } claim)
            {
                continue;
            }

            var holds = !claim.Touches(stale) && !Poisoned(claim, pending.Sequence, poisoned)
                && claim.Reads.All(deployed.Contains)
                && !claim.Removes.Overlaps(used)
                && claim.Revisions.All(r => revisions.TryGetValue(r.Key, out var stored) && stored == r.Value)
                && claim.Predicates.Values.All(p => p.AnyKnown || matches[p.Hash].All(key => KeyAllocator.IsOf(key, self) || p.Known.Contains(key)));
            if (holds)
            {
                foreach (var (key, revision) in claim.Revisions)
                {
                    revisions[key] = revision + 1;
                }

                foreach (var key in claim.Created)
                {
                    revisions[key] = 1;
                }

                // For the commits after it in the batch, a definition this commit deployed is there, one it undeployed is not, and
                // one it started or migrated an instance to has that instance.
                deployed.UnionWith(claim.Writes);
                deployed.ExceptWith(claim.Removes);
                used.UnionWith(claim.Reads);

                continue;
            }

            rejected.Add(pending.Sequence);
            stale.UnionWith(claim.Changed);
        }

        return rejected;
    }

    private bool Poisoned(CommitClaims claims, long sequence, HashSet<long> poisoned)
    {
        if (poisoned.Count == 0 || !claims.Touches(poisoned))
        {
            return false;
        }

        lock (_waitersGate)
        {
            return claims.Writes.Concat(claims.Reads).Concat(claims.Guarded).Concat(claims.Revisions.Keys)
                .Any(key => _poisoned.TryGetValue(key, out var until) && sequence <= until);
        }
    }

    /// <summary>The changes of several commits, each row's changes made one (in the order rows were first changed); the commits' own rows are left as they were.</summary>
    internal static List<RowChange> Merge(IEnumerable<RowChange> changes)
    {
        var merged = new Dictionary<(Type, object), RowChange>();
        var order = new List<(Type, object)>();
        foreach (var change in changes)
        {
            var id = (change.Row.GetType(), change.Id);
            if (!merged.TryGetValue(id, out var previous))
            {
                merged[id] = change;
                order.Add(id);
                continue;
            }

            if (Merge(previous, change) is { } both)
            {
                merged[id] = both;
            }
            else
            {
                merged.Remove(id);
            }
        }

        // Distinct: a row inserted and deleted again, then written once more, is still one row (the journal writes a table's
        // updates of a batch as one statement, which touches each row once).
        return order.Distinct().Where(merged.ContainsKey).Select(id => merged[id]).ToList();
    }

    /// <summary>Two changes to one row within a batch become one (or none: a row inserted and deleted again).</summary>
    private static RowChange? Merge(RowChange first, RowChange second)
    {
        switch (first.Op, second.Op)
        {
            case (RowOp.Insert, RowOp.Update):
                return second with { Op = RowOp.Insert, ExpectedRevision = null };
            case (RowOp.Insert, RowOp.Patch):
            case (RowOp.Update, RowOp.Patch):
                return first with { Row = Patched(first.Row, second) };
            case (RowOp.Patch, RowOp.Patch):
                return first with { Row = Patched(first.Row, second), Patched = [.. first.Patched!.Union(second.Patched!)] };
            case (RowOp.Insert, RowOp.Delete):
                return null;
            case (RowOp.Update, RowOp.Update):
                return second with { ExpectedRevision = first.ExpectedRevision };
            case (RowOp.Patch, RowOp.Update):
                // Some columns set by one commit (a revision raised, an instance's progress), then the whole row written by a later
                // one (a migration): the update carries every column and expects what the first expected, if it checked one.
                return second with { ExpectedRevision = first.ExpectedRevision };
            default:
                return second;
        }
    }

    /// <summary>
    /// A copy of <paramref name="row"/> with the columns <paramref name="patch"/> sets: the commits' own rows stay as they were, so
    /// that a batch merged before its claims were checked (<see cref="WriteAtOnceAsync"/>) and merged again without a commit left
    /// out does not write what that commit set.
    /// </summary>
    private static object Patched(object row, RowChange patch)
    {
        var copy = ShallowCopy(row);
        foreach (var column in patch.Patched!)
        {
            var property = patch.Row.GetType().GetProperty(column)!;
            property.SetValue(copy, property.GetValue(patch.Row));
        }

        return copy;
    }

    /// <summary>A shallow copy of a row (their columns are values and strings).</summary>
    private static readonly Func<object, object> ShallowCopy = typeof(object)
        .GetMethod(nameof(MemberwiseClone), System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!
        .CreateDelegate<Func<object, object>>();

    private void Release(List<Pending> batch, HashSet<long> rejected)
    {
        lock (_waitersGate)
        {
            _durable += batch.Count;
            foreach (var pending in batch.Where(p => rejected.Contains(p.Sequence)))
            {
                _rejections++;
                _rejected.Add(pending.Sequence);
                _stale.Add(ChangeKeys.Of(pending.Changes));
                if (pending.Claims is { } claims)
                {
                    foreach (var key in claims.Changed)
                    {
                        _poisoned[key] = long.MaxValue;
                    }
                }
            }

            foreach (var (key, _) in _poisoned.Where(p => p.Value < _durable).ToList())
            {
                _poisoned.Remove(key);
            }

            // Sequences are asked about right after they are queued; an old one is not asked about again.
            _rejected.RemoveWhere(sequence => sequence < _durable - 1_000_000);
            if (_refused.Count > 0)
            {
                foreach (var old in _refused.Keys.Where(sequence => sequence < _durable - 1_000_000).ToList())
                {
                    _refused.Remove(old);
                }
            }

            while (_waiters.TryPeek(out var waiter, out var sequence) && sequence <= _durable)
            {
                _waiters.Dequeue();
                if (_rejected.Contains(sequence))
                {
                    waiter.TrySetException(LeftOut(sequence));
                }
                else
                {
                    waiter.TrySetResult();
                }
            }
        }
    }

    /// <summary>One command's commit, queued.</summary>
    private sealed record Pending(long Sequence, List<RowChange> Changes, CommitClaims? Claims);

    private void Fail(StoreFaultedException fault)
    {
        lock (_waitersGate)
        {
            _fault = fault;
            while (_waiters.TryDequeue(out var waiter, out _))
            {
                waiter.TrySetException(fault);
            }
        }

        Faulted?.Invoke(fault);
    }
}
