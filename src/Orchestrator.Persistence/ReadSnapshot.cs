using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Orchestrator.Persistence;

/// <summary>
/// Reads that see the database as one moment: a transaction whose every query sees what was committed when its first one ran
/// (SQLite: a deferred transaction, which in WAL mode keeps the snapshot of its first read and takes no write lock; PostgreSQL:
/// repeatable read). For a page built from several queries while the journal commits (a case's variables, its instance and its
/// steps), so that it never shows a step of one moment beside the state of another. Dispose it to end the transaction.
/// </summary>
public sealed class ReadSnapshot : IAsyncDisposable
{
    private readonly OrchestratorDbContext _db;
    private readonly DbTransaction _transaction;

    private ReadSnapshot(OrchestratorDbContext db, DbTransaction transaction)
    {
        _db = db;
        _transaction = transaction;
    }

    /// <summary>Begins a snapshot on <paramref name="db"/>: its queries until the snapshot is disposed read in it.</summary>
    public static async Task<ReadSnapshot> BeginAsync(OrchestratorDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var transaction = db.Database.GetDbConnection() switch
        {
            SqliteConnection sqlite => sqlite.BeginTransaction(deferred: true),
            var connection => await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false),
        };
        await db.Database.UseTransactionAsync(transaction, cancellationToken).ConfigureAwait(false);
        return new ReadSnapshot(db, transaction);
    }

    /// <summary>Ends the snapshot (nothing was written in it) and gives the context back its own transactions.</summary>
    public async ValueTask DisposeAsync()
    {
        await _db.Database.UseTransactionAsync(null).ConfigureAwait(false);
        await _transaction.DisposeAsync().ConfigureAwait(false);
        await _db.Database.CloseConnectionAsync().ConfigureAwait(false);
    }
}
