using Npgsql;

namespace Orchestrator.Testing;

/// <summary>
/// Where a test server keeps its state: a fresh SQLite file, or — when <c>ORCHESTRATOR_TEST_POSTGRES</c>
/// names a PostgreSQL server (a connection string) — a fresh database on it. CI sets the variable.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    /// <summary>The environment variable that switches the suite to PostgreSQL.</summary>
    public const string PostgresVariable = "ORCHESTRATOR_TEST_POSTGRES";

    private TestDatabase(string provider, string connectionString, string folder)
    {
        Provider = provider;
        ConnectionString = connectionString;
        Folder = folder;
    }

    /// <summary><c>Sqlite</c> or <c>PostgreSql</c>.</summary>
    public string Provider { get; }

    /// <summary>The connection string.</summary>
    public string ConnectionString { get; }

    /// <summary>A scratch folder for this server (logs, the SQLite file).</summary>
    public string Folder { get; }

    /// <summary>A new, empty database of the configured kind.</summary>
    public static TestDatabase Create()
    {
        var folder = Path.Combine(Path.GetTempPath(), "orchestrator-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var server = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            return new TestDatabase("Sqlite", $"Data Source={Path.Combine(folder, "orchestrator.db")}", folder);
        }

        var name = "orch_test_" + Guid.NewGuid().ToString("N")[..12];
        using (var connection = new NpgsqlConnection(server))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE {name}";
            command.ExecuteNonQuery();
        }

        return new TestDatabase("PostgreSql", new NpgsqlConnectionStringBuilder(server)
        {
            // The suite starts many servers, each with its own database and so its own pool: idle connections of those that
            // finished go soon.
            Database = name, ConnectionIdleLifetime = 10, ConnectionPruningInterval = 5,
        }.ConnectionString, folder);
    }

    /// <summary>
    /// Removes the database and the scratch folder once the servers that used them have stopped (a PostgreSQL server that
    /// keeps every test database grows by gigabytes a run, and its crash recovery then takes minutes).
    /// </summary>
    public void Dispose()
    {
        if (Provider == "PostgreSql")
        {
            DropDatabase();
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open (a log being flushed by a process that is going away) keeps the folder; the OS's temp
            // clean-up takes it.
        }
    }

    private void DropDatabase()
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        var name = builder.Database!;
        builder.Database = "postgres";
        builder.Pooling = false;
        using (var pooled = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var connection = new NpgsqlConnection(builder.ConnectionString);
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = $"DROP DATABASE IF EXISTS {name} WITH (FORCE)";
                command.ExecuteNonQuery();
                return;
            }
            catch (PostgresException exception) when (attempt < 5 && exception.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse)
            {
                // An autovacuum worker on the database (FORCE may not end it without pg_signal_backend): it finishes soon.
                Thread.Sleep(TimeSpan.FromSeconds(attempt));
            }
        }
    }

    /// <summary>The server settings that point at this database.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["Database:Provider"] = Provider,
        ["ConnectionStrings:Orchestrator"] = ConnectionString,
        ["Logging:File:Path"] = Path.Combine(Folder, "logs"),
    };
}
