using Npgsql;

namespace Orchestrator.Persistence.Cluster;

/// <summary>
/// One node of a cluster at a time for a background pass that is not an engine command (webhook deliveries, SLA sweeps): a
/// session advisory lock on a connection of its own, let go when disposed or when the process dies. On SQLite (one node) it
/// holds nothing.
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

    private readonly NpgsqlConnection? _connection;
    private readonly long _key;

    private ClusterLock(NpgsqlConnection? connection, long key)
    {
        _connection = connection;
        _key = key;
    }

    /// <summary>Waits until no other node holds <paramref name="key"/>, then holds it.</summary>
    public static async Task<ClusterLock> TakeAsync(OrchestratorDatabase database, long key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (database.Provider != DatabaseProvider.PostgreSql)
        {
            return new ClusterLock(null, key);
        }

        var connection = new NpgsqlConnection(database.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection) { CommandTimeout = 0 };
            command.Parameters.AddWithValue("key", key);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return new ClusterLock(connection, key);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_connection is null)
        {
            return;
        }

        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", _connection);
            command.Parameters.AddWithValue("key", _key);
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        catch (NpgsqlException)
        {
            // The connection broke: the database let the lock go with it.
        }
        finally
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
