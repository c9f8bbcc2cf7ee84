using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Orchestrator.Persistence.Store;

/// <summary>
/// Writes committed commands to the database on one background loop. Whatever queued while the previous
/// write ran goes into the next transaction together (group commit): one fsync for many commands, and
/// changes to the same row merged. Nobody is told a command is durable before its transaction committed.
/// </summary>
internal sealed class JournalWriter : IAsyncDisposable
{
    private readonly Channel<List<RowChange>> _queue = Channel.CreateUnbounded<List<RowChange>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<OrchestratorDbContext> _contexts;
    private readonly int _maxBatch;
    private readonly int? _clusterNode;
    private readonly object _waitersGate = new();
    private readonly PriorityQueue<TaskCompletionSource, long> _waiters = new();
    private readonly Task _loop;
    private RowWriter? _rows;
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

    /// <summary>The failure that stopped the writer, if any.</summary>
    public StoreFaultedException? Fault => _fault;

    /// <summary>Queues one command's rows; returns its sequence number.</summary>
    public long Enqueue(List<RowChange> changes)
    {
        if (_fault is not null)
        {
            throw _fault;
        }

        var sequence = Interlocked.Increment(ref _enqueued);
        _queue.Writer.TryWrite(changes);
        return sequence;
    }

    /// <summary>Completes when every commit up to <paramref name="sequence"/> is in the database.</summary>
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
                return Task.CompletedTask;
            }

            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Enqueue(waiter, sequence);
            return waiter.Task;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<List<RowChange>>();
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < _maxBatch && reader.TryRead(out var changes))
            {
                batch.Add(changes);
            }

            var started = Stopwatch.GetTimestamp();
            try
            {
                await WriteAsync(batch).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                // Whatever the write threw (a refused row, a value the provider cannot send), every waiter hears of it:
                // none may wait forever on a commit that will never be durable.
                Fail(new StoreFaultedException($"writing {batch.Count} commits to the database failed: {exception.Message}", exception));
                return;
            }

            JournalMetrics.Committed(batch.Count, Stopwatch.GetElapsedTime(started));
            Batches++;
            Release(batch.Count);
            batch.Clear();
        }
    }

    private async Task WriteAsync(List<List<RowChange>> batch)
    {
        var merged = new Dictionary<(Type, object), RowChange>();
        var order = new List<(Type, object)>();
        foreach (var change in batch.SelectMany(c => c))
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

        await using var context = _contexts();
        _rows ??= new RowWriter(context.Model);
        await context.Database.OpenConnectionAsync().ConfigureAwait(false);
        await using var transaction = await context.Database.BeginTransactionAsync().ConfigureAwait(false);
        var connection = context.Database.GetDbConnection();
        var rows = order.Where(merged.ContainsKey).Select(id => merged[id]).ToList();
        await _rows.WriteAsync(connection, transaction.GetDbTransaction(), rows, CancellationToken.None).ConfigureAwait(false);
        if (_clusterNode is { } node)
        {
            await Cluster.ChangeFeed.AppendAsync(connection, transaction.GetDbTransaction(), node, Cluster.ChangeKeys.Of(rows)).ConfigureAwait(false);
        }

        await transaction.CommitAsync().ConfigureAwait(false);
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
                CopyColumns(second.Row, first.Row, second.Patched!);
                return first;
            case (RowOp.Patch, RowOp.Patch):
                CopyColumns(second.Row, first.Row, second.Patched!);
                return first with { Patched = [.. first.Patched!.Union(second.Patched!)] };
            case (RowOp.Insert, RowOp.Delete):
                return null;
            case (RowOp.Update, RowOp.Update):
                return second with { ExpectedRevision = first.ExpectedRevision };
            default:
                return second;
        }
    }

    private static void CopyColumns(object from, object to, string[] columns)
    {
        foreach (var column in columns)
        {
            var property = from.GetType().GetProperty(column)!;
            property.SetValue(to, property.GetValue(from));
        }
    }

    private void Release(int commits)
    {
        lock (_waitersGate)
        {
            _durable += commits;
            while (_waiters.TryPeek(out var waiter, out var sequence) && sequence <= _durable)
            {
                _waiters.Dequeue();
                waiter.TrySetResult();
            }
        }
    }

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
