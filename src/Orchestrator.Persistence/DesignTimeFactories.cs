using Microsoft.EntityFrameworkCore.Design;

namespace Orchestrator.Persistence;

/// <summary>Lets <c>dotnet ef migrations add --context SqliteOrchestratorDbContext</c> build the SQLite model.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteOrchestratorDbContext>
{
    public SqliteOrchestratorDbContext CreateDbContext(string[] args) =>
        (SqliteOrchestratorDbContext)new OrchestratorDatabase(DatabaseProvider.Sqlite, "Data Source=design.db").CreateContext();
}

/// <summary>Lets <c>dotnet ef migrations add --context PostgreSqlOrchestratorDbContext</c> build the PostgreSQL model.</summary>
internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlOrchestratorDbContext>
{
    public PostgreSqlOrchestratorDbContext CreateDbContext(string[] args) =>
        (PostgreSqlOrchestratorDbContext)new OrchestratorDatabase(DatabaseProvider.PostgreSql, "Host=127.0.0.1;Database=design").CreateContext();
}
