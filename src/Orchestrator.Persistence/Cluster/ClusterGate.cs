using System.Diagnostics;
using Npgsql;

namespace Orchestrator.Persistence.Cluster;

/// <summary>
/// Lets one node of a cluster at a time run engine commands (PostgreSQL). The node that holds the gate — a session advisory lock
/// on a connection of its own — runs as many commands at once as come, group-committed as on one node; before its first command
/// it catches up with what the others committed (<see cref="Orchestrator.Persistence.Store.DurableEngineStore.CatchUp"/>). It
/// lets go when its commands are durable and no more are waiting, or after <see cref="Slice"/> when others may be waiting, so
/// every node gets its turn. A command therefore never runs on a stale copy of the state, and nothing it does can interleave with
/// another node's commands: correlations, call activities, signals and deploys stay one transaction, as on one node.
/// </summary>
public sealed class ClusterGate : IAsyncDisposable
{
    private const long GateLock = 0x4F52_4348_4741_5445;

    private readonly NpgsqlConnection _connection;
    private readonly Func<Action?> _catchUp;
    private readonly object _sync = new();
    private readonly Queue<TaskCompletionSource> _waiting = new();
    private int _shares;
    private bool _held;
    private bool _busy;
    private bool _draining;
    private long _heldSince;
    private Exception? _fault;

    /// <param name="connectionString">The shared database.</param>
    /// <param name="catchUp">Runs as soon as the gate is taken, before any command; returns what to announce once commands may run.</param>
    public ClusterGate(string connectionString, Func<Action?> catchUp)
    {
        _connection = new NpgsqlConnection(connectionString);
        _catchUp = catchUp;
    }

    /// <summary>The longest a node keeps the gate while it has commands to run (others wait at most about this long).</summary>
    public static TimeSpan Slice { get; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Raised once when the gate's connection failed: this node can no longer run commands safely and must stop.</summary>
    public event Action<Exception>? Lost;

    /// <summary>Waits until this node holds the gate and may run a command; dispose the pass once the command is durable.</summary>
    public Task<IDisposable> EnterAsync()
    {
        TaskCompletionSource waiter;
        var acquire = false;
        lock (_sync)
        {
            if (_fault is not null)
            {
                return Task.FromException<IDisposable>(new InvalidOperationException("this node lost its connection to the cluster", _fault));
            }

            if (_held && !_draining)
            {
                _shares++;
                return Task.FromResult<IDisposable>(new Pass(this));
            }

            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Enqueue(waiter);
            if (!_held && !_busy)
            {
                _busy = acquire = true;
            }
        }

        if (acquire)
        {
            _ = Task.Run(AcquireAsync);
        }

        return Admitted(waiter.Task);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _connection.DisposeAsync().ConfigureAwait(false);

    private async Task<IDisposable> Admitted(Task waiting)
    {
        await waiting.ConfigureAwait(false);
        return new Pass(this);
    }

    private async Task AcquireAsync()
    {
        Action? announce;
        bool idle;
        try
        {
            if (_connection.State != System.Data.ConnectionState.Open)
            {
                await _connection.OpenAsync().ConfigureAwait(false);
            }

            await using (var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", _connection) { CommandTimeout = 0 })
            {
                command.Parameters.AddWithValue("key", GateLock);
                await command.ExecuteNonQueryAsync().ConfigureAwait(false);
            }

            announce = _catchUp();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            Fail(exception);
            return;
        }

        lock (_sync)
        {
            _held = true;
            _draining = false;
            _heldSince = Stopwatch.GetTimestamp();
            while (_waiting.TryDequeue(out var waiter))
            {
                _shares++;
                waiter.SetResult();
            }

            idle = _shares == 0;
            _busy = idle;
        }

        announce?.Invoke();
        if (idle)
        {
            await ReleaseAsync().ConfigureAwait(false);
        }
    }

    private void Exit()
    {
        lock (_sync)
        {
            _shares--;
            if (!_draining && Stopwatch.GetElapsedTime(_heldSince) > Slice)
            {
                // Others may be waiting: admit no more here, let go once what runs is durable, and queue for the next turn.
                _draining = true;
            }

            if (_shares > 0)
            {
                return;
            }

            _draining = true;
            _busy = true;
        }

        _ = Task.Run(ReleaseAsync);
    }

    private async Task ReleaseAsync()
    {
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", _connection);
            command.Parameters.AddWithValue("key", GateLock);
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            Fail(exception);
            return;
        }

        bool again;
        lock (_sync)
        {
            _held = false;
            again = _waiting.Count > 0;
            _busy = again;
        }

        if (again)
        {
            await AcquireAsync().ConfigureAwait(false);
        }
    }

    private void Fail(Exception exception)
    {
        lock (_sync)
        {
            if (_fault is not null)
            {
                return;
            }

            _fault = exception;
            while (_waiting.TryDequeue(out var waiter))
            {
                waiter.SetException(new InvalidOperationException("this node lost its connection to the cluster", exception));
            }
        }

        Lost?.Invoke(exception);
    }

    private sealed class Pass(ClusterGate gate) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                gate.Exit();
            }
        }
    }
}
