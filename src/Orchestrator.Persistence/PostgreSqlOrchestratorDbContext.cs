using Microsoft.EntityFrameworkCore;

namespace Orchestrator.Persistence;

/// <summary>The tables on PostgreSQL (migrations in <c>Migrations/PostgreSql</c>).</summary>
public sealed class PostgreSqlOrchestratorDbContext(DbContextOptions<PostgreSqlOrchestratorDbContext> options) : OrchestratorDbContext(options);
