using System.Diagnostics;
using Npgsql;

namespace Orchestrator.Persistence.Cluster;

/// <summary>
/// Lets one node of a cluster at a time run engine commands (PostgreSQL). The node that holds the gate — a session advisory lock
/// on a connection of its own — runs as many commands at once as come, group-committed as on one node; before its first command
/// it catches up with what the others committed (<see cref="Orchestrator.Persistence.Store.DurableEngineStore.CatchUp"/>). It
/// keeps the gate while nobody else asks for it (a lone node pays nothing per command); a node that finds the gate taken says
/// so on <see cref="Channel"/> (again every <see cref="AskAgain"/> while it waits), and the holder — once it held the gate for
/// a <see cref="Turn"/> — admits no more commands and lets go as soon as those it runs are durable. A command therefore never runs on a stale copy of the state, and nothing
/// it does can interleave with another node's commands: correlations, call activities, signals and deploys stay one
/// transaction, as on one node.
/// </summary>
public sealed class ClusterGate : IAsyncDisposable
{
    /// <summary>The <c>LISTEN</c>/<c>NOTIFY</c> channel on which a node asks for the gate; the payload is its node id.</summary>
    public const string Channel = "orchestrator_gate";

    private const long GateLock = 0x4F52_4348_4741_5445;

    private readonly NpgsqlConnection _connection;
    private readonly string _self;
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
    /// <param name="nodeId">This node's id (the payload of its requests for the gate).</param>
    /// <param name="catchUp">Runs as soon as the gate is taken, before any command; returns what to announce once commands may run.</param>
    public ClusterGate(string connectionString, int nodeId, Func<Action?> catchUp)
    {
        // Not pooled: closing it must end the session, and with it the gate.
        _connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        _self = nodeId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _catchUp = catchUp;
    }

    /// <summary>
    /// The least time a node keeps the gate once it took it, even when another asks: each turn costs the next holder a catch-up
    /// and the last holder a commit it waits for, so short turns under load from both sides spend more on handing over than on
    /// commands. A command on the waiting node waits at most this long plus the holder's last commit.
    /// </summary>
    public static TimeSpan Turn { get; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a node waits for the gate before it asks for it again (in case the holder missed the request).</summary>
    public static TimeSpan AskAgain { get; } = TimeSpan.FromMilliseconds(250);

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
        try
        {
            if (_connection.State != System.Data.ConnectionState.Open)
            {
                await _connection.OpenAsync().ConfigureAwait(false);
            }

            await TakeAsync().ConfigureAwait(false);
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
            _heldSince = Stopwatch.GetTimestamp();
            _draining = false;
            _busy = false;
            while (_waiting.TryDequeue(out var waiter))
            {
                _shares++;
                waiter.SetResult();
            }
        }

        announce?.Invoke();
    }

    /// <summary>Another node asked for the gate (<paramref name="nodeId"/>, from <see cref="Channel"/>): let go once what runs is durable.</summary>
    public void Requested(string nodeId)
    {
        bool release;
        lock (_sync)
        {
            if (nodeId == _self || !_held || _draining)
            {
                return;
            }

            var left = Turn - Stopwatch.GetElapsedTime(_heldSince);
            if (left > TimeSpan.Zero)
            {
                _ = Task.Delay(left).ContinueWith(_ => Requested(nodeId), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
                return;
            }

            _draining = true;
            release = _shares == 0 && !_busy;
            _busy |= release;
        }

        if (release)
        {
            _ = Task.Run(ReleaseAsync);
        }
    }

    private async Task TakeAsync()
    {
        await using (var take = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", _connection))
        {
            take.Parameters.AddWithValue("key", GateLock);
            if ((bool)(await take.ExecuteScalarAsync().ConfigureAwait(false))!)
            {
                return;
            }
        }

        await using (var timeout = new NpgsqlCommand($"SET lock_timeout = {(int)AskAgain.TotalMilliseconds}", _connection))
        {
            await timeout.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        while (true)
        {
            // On its own: a notification is sent when its transaction commits.
            await using (var ask = new NpgsqlCommand($"SELECT pg_notify('{Channel}', @self)", _connection))
            {
                ask.Parameters.AddWithValue("self", _self);
                await ask.ExecuteNonQueryAsync().ConfigureAwait(false);
            }

            await using var wait = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", _connection) { CommandTimeout = 0 };
            wait.Parameters.AddWithValue("key", GateLock);
            try
            {
                await wait.ExecuteNonQueryAsync().ConfigureAwait(false);
                return;
            }
            catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.LockNotAvailable)
            {
                // The holder has not let go yet: ask again.
            }
        }
    }

    private void Exit()
    {
        lock (_sync)
        {
            _shares--;
            if (_shares > 0 || !_draining || _busy)
            {
                // A lone node keeps the gate: nobody asked for it.
                return;
            }

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
