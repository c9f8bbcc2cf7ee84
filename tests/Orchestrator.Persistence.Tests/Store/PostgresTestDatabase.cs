using System.Data.Common;
using Npgsql;

namespace Orchestrator.Persistence.Tests.Store;

/// <summary>
/// A database of its own for one test on the PostgreSQL server <see cref="PostgresFactAttribute.Variable"/> names: created and
/// migrated by <see cref="CreateAsync"/>, dropped on dispose (with every session still on it).
/// </summary>
internal sealed class PostgresTestDatabase : IDisposable
{
    private readonly string? _server = Environment.GetEnvironmentVariable(PostgresFactAttribute.Variable);
    private readonly string _name = "orch_test_" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>The connection string of the test's database.</summary>
    public string ConnectionString => new NpgsqlConnectionStringBuilder(_server) { Database = _name }.ConnectionString;

    /// <summary>Creates the database and applies the migrations.</summary>
    public async Task<OrchestratorDatabase> CreateAsync()
    {
        await CreateEmptyAsync();
        var database = new OrchestratorDatabase(DatabaseProvider.PostgreSql, ConnectionString);
        database.Migrate();
        return database;
    }

    /// <summary>Creates the database without migrating it.</summary>
    public async Task CreateEmptyAsync()
    {
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE {_name}";
        await command.ExecuteNonQueryAsync();
    }

    public void Dispose()
    {
        if (string.IsNullOrWhiteSpace(_server))
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(_server);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS {_name} WITH (FORCE)";
        command.ExecuteNonQuery();
    }
}

/// <summary>A test that needs a PostgreSQL server; skipped, saying so, when none is named.</summary>
internal sealed class PostgresFactAttribute : FactAttribute
{
    /// <summary>The environment variable that names the server (a connection string).</summary>
    public const string Variable = "ORCHESTRATOR_TEST_POSTGRES";

    public PostgresFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Variable)))
        {
            Skip = $"needs PostgreSQL: set {Variable} to a connection string (.ci/run does)";
        }
    }
}

/// <summary>
/// For the tests of what a statement reads once PostgreSQL cached its plan while its tables were small (a new database): the
/// plan kept as made, the tables grown, and the rows a transaction fetched counted.
/// </summary>
internal static class CachedPlans
{
    /// <summary>
    /// Has <paramref name="connection"/>'s session plan every prepared statement once, generically (as PostgreSQL chooses after
    /// five calls), and keeps autovacuum from analysing <paramref name="tables"/> (which would have the plans made again).
    /// </summary>
    public static Task KeepAsync(DbConnection connection, params string[] tables) =>
        ExecuteAsync(connection, string.Concat(tables.Select(t => $"ALTER TABLE {t} SET (autovacuum_enabled = false); ")) + "SET plan_cache_mode = force_generic_plan");

    /// <summary>The statement that adds active instances <paramref name="from"/> to <paramref name="to"/> (their keys).</summary>
    public static string InsertInstances(long from, long to) =>
        "INSERT INTO process_instances (\"Key\", \"ProcessDefinitionKey\", \"BpmnProcessId\", \"Version\", \"State\", \"StartDate\", \"Revision\", \"Elements\", \"HasIncident\") " +
        $"SELECT g, 1, 'p', 1, 'ACTIVE', now(), 1, '[]', false FROM generate_series({from}, {to}) g";

    /// <summary>The rows <paramref name="transaction"/> fetched so far from each of <paramref name="tables"/>, by index or scan.</summary>
    public static async Task<Dictionary<string, long>> FetchedAsync(DbConnection connection, DbTransaction transaction, params string[] tables)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT relname, idx_tup_fetch + seq_tup_read FROM pg_stat_xact_user_tables WHERE relname = ANY(@tables)";
        command.Parameters.Add(new NpgsqlParameter("tables", tables));
        var fetched = new Dictionary<string, long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            fetched[reader.GetString(0)] = reader.GetInt64(1);
        }

        return fetched;
    }

    public static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
