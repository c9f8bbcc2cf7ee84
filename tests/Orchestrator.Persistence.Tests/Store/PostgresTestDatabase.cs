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
        await using (var connection = new NpgsqlConnection(_server))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE {_name}";
            await command.ExecuteNonQueryAsync();
        }

        var database = new OrchestratorDatabase(DatabaseProvider.PostgreSql, ConnectionString);
        database.Migrate();
        return database;
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
