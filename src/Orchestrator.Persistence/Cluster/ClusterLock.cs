using Npgsql;

namespace Orchestrator.Persistence.Cluster;

/// <summary>
/// One pass at a time for a background pass that is not an engine command (webhook deliveries, SLA sweeps): in this process a
/// semaphore of the database (two callers of one pass on one node — the SLA sweep's own loop and the quality pass that runs it
/// first — take turns), and across a cluster a session advisory lock on a connection of its own, let go when disposed or when
/// the process dies. On SQLite (one node) only the semaphore.
/// </summary>
public sealed class ClusterLock : IAsyncDisposable
{
    /// <summary>The webhook delivery pass.</summary>
    public const long WebhookDeliveries = 0x4F52_5745_4248_4F4F;

    /// <summary>The SLA sweep.</summary>
    public const long SlaSweep = 0x4F52_534C_4153_5750;

    /// <summary>The service-quality pass (case facts, samples, reviews).</summary>
    public const long QualitySweep = 0x4F52_5155_414C_5357;

    /// <summary>The batch operation runner: one batch runs at a time in the cluster.</summary>
    public const long BatchOperations = 0x4F52_4241_5443_484F;

    private readonly SemaphoreSlim _pass;
    private readonly NpgsqlConnection? _connection;
    private readonly long _key;
    private int _disposed;

    private ClusterLock(SemaphoreSlim pass, NpgsqlConnection? connection, long key)
    {
        _pass = pass;
        _connection = connection;
        _key = key;
    }

    /// <summary>Waits until no other caller in this process and no other node holds <paramref name="key"/>, then holds it.</summary>
    public static async Task<ClusterLock> TakeAsync(OrchestratorDatabase database, long key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        var pass = database.Pass(key);
        await pass.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (database.Provider != DatabaseProvider.PostgreSql)
        {
            return new ClusterLock(pass, null, key);
        }

        var connection = new NpgsqlConnection(database.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection) { CommandTimeout = 0 };
            command.Parameters.AddWithValue("key", key);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return new ClusterLock(pass, connection, key);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            pass.Release();
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            if (_connection is not null)
            {
                await UnlockAsync(_connection).ConfigureAwait(false);
            }
        }
        finally
        {
            _pass.Release();
        }
    }

    private async Task UnlockAsync(NpgsqlConnection connection)
    {
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
            command.Parameters.AddWithValue("key", _key);
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        catch (NpgsqlException)
        {
            // The connection broke: the database let the lock go with it.
        }
        finally
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
