using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Orchestrator.Persistence;

/// <summary>Opens the configured database: contexts for it, and its migrations applied at start-up.</summary>
public sealed class OrchestratorDatabase
{
    private readonly DbContextOptions<SqliteOrchestratorDbContext>? _sqlite;
    private readonly DbContextOptions<PostgreSqlOrchestratorDbContext>? _postgres;
    private readonly ConcurrentDictionary<long, SemaphoreSlim> _passes = new();

    /// <summary>Prepares contexts for <paramref name="provider"/> at <paramref name="connectionString"/>; a SQLite file's folder is created.</summary>
    public OrchestratorDatabase(DatabaseProvider provider, string connectionString)
    {
        Provider = provider;
        ConnectionString = connectionString;
        if (provider == DatabaseProvider.Sqlite)
        {
            var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = true };
            if (Path.GetDirectoryName(Path.GetFullPath(builder.DataSource)) is { } folder && builder.DataSource != ":memory:")
            {
                Directory.CreateDirectory(folder);
            }

            _sqlite = new DbContextOptionsBuilder<SqliteOrchestratorDbContext>()
                .UseSqlite(builder.ConnectionString, o => o.CommandTimeout(60))
                .AddInterceptors(new SqlitePragmaInterceptor())
                .Options;
        }
        else
        {
            // The journal sends the same few statements over and over: prepared once per connection, they cost the server less.
            var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
            if (builder.MaxAutoPrepare == 0)
            {
                builder.MaxAutoPrepare = 64;
                builder.AutoPrepareMinUsages = 2;
            }

            ConnectionString = connectionString = builder.ConnectionString;
            _postgres = new DbContextOptionsBuilder<PostgreSqlOrchestratorDbContext>().UseNpgsql(connectionString).Options;
        }
    }

    /// <summary>The database kind.</summary>
    public DatabaseProvider Provider { get; }

    /// <summary>Where it is.</summary>
    public string ConnectionString { get; }

    /// <summary>A new context (dispose it).</summary>
    public OrchestratorDbContext CreateContext() =>
        _sqlite is not null ? new SqliteOrchestratorDbContext(_sqlite) : new PostgreSqlOrchestratorDbContext(_postgres!);

    /// <summary>The process-wide turn of a background pass (<see cref="Cluster.ClusterLock"/>): one pass of a kind at a time in this process.</summary>
    internal SemaphoreSlim Pass(long key) => _passes.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));

    /// <summary>Applies the pending migrations.</summary>
    public void Migrate()
    {
        using var context = CreateContext();
        context.Database.Migrate();
    }
}
