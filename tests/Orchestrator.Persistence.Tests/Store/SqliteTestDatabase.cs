namespace Orchestrator.Persistence.Tests.Store;

/// <summary>A SQLite database file of its own for one test, in a fresh folder deleted on dispose.</summary>
internal sealed class SqliteTestDatabase : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "orchestrator-persistence-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The database, migrated unless <paramref name="migrate"/> is false.</summary>
    public OrchestratorDatabase Create(bool migrate = true)
    {
        Directory.CreateDirectory(_folder);
        var database = new OrchestratorDatabase(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(_folder, "state.db")}");
        if (migrate)
        {
            database.Migrate();
        }

        return database;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
