using Microsoft.EntityFrameworkCore;

namespace Orchestrator.Persistence;

/// <summary>The tables on SQLite (migrations in <c>Migrations/Sqlite</c>).</summary>
public sealed class SqliteOrchestratorDbContext(DbContextOptions<SqliteOrchestratorDbContext> options) : OrchestratorDbContext(options);
