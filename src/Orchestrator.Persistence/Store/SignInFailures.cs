using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Persistence.Rows;

namespace Orchestrator.Persistence.Store;

/// <summary>
/// Failed sign-ins counted in the database (<c>sign_in_failures</c>), so that a lockout holds on every node of a cluster and
/// survives a restart. Times are UTC milliseconds since 1970.
/// </summary>
public static class SignInFailures
{
    // One statement, so that failures counted on two nodes at once neither lose a count nor both start a lock: a lapsed
    // lock or window starts afresh; the count that reaches the limit sets the lock.
    private const string Expired = """COALESCE(sign_in_failures."LockedUntil", sign_in_failures."Since" + @window) <= @now""";

    private const string CountStatement = $"""
        INSERT INTO sign_in_failures ("Key", "Since", "Count", "LockedUntil")
        VALUES (@key, @now, 1, CASE WHEN @limit <= 1 THEN @now + @lockout END)
        ON CONFLICT ("Key") DO UPDATE SET
            "Since" = CASE WHEN {Expired} THEN @now ELSE sign_in_failures."Since" END,
            "Count" = CASE WHEN {Expired} THEN 1 ELSE sign_in_failures."Count" + 1 END,
            "LockedUntil" = CASE
                WHEN {Expired} THEN excluded."LockedUntil"
                WHEN sign_in_failures."LockedUntil" IS NULL AND sign_in_failures."Count" + 1 >= @limit THEN @now + @lockout
                ELSE sign_in_failures."LockedUntil" END
        RETURNING "Since", "Count", "LockedUntil"
        """;

    /// <summary>Counts one failure against <paramref name="key"/>; returns the failures counted now, locked once they reach <paramref name="limit"/>.</summary>
    public static async Task<SignInFailureRow> CountAsync(
        OrchestratorDatabase database, string key, long now, long window, long lockout, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var context = database.CreateContext();
        await context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = context.Database.GetDbConnection().CreateCommand();
        command.CommandText = CountStatement;
        Add(command, "key", key);
        Add(command, "now", now);
        Add(command, "window", window);
        Add(command, "lockout", lockout);
        Add(command, "limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new SignInFailureRow
        {
            Key = key, Since = reader.GetInt64(0), Count = reader.GetInt32(1), LockedUntil = await reader.IsDBNullAsync(2, cancellationToken).ConfigureAwait(false) ? null : reader.GetInt64(2),
        };
    }

    /// <summary>Those of <paramref name="keys"/> locked at <paramref name="now"/>.</summary>
    public static async Task<List<SignInFailureRow>> LockedAsync(OrchestratorDatabase database, IReadOnlyCollection<string> keys, long now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var context = database.CreateContext();
        return await context.SignInFailures.AsNoTracking().Where(f => keys.Contains(f.Key) && f.LockedUntil > now).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Forgets the failures of <paramref name="key"/> (a successful sign-in).</summary>
    public static async Task ForgetAsync(OrchestratorDatabase database, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var context = database.CreateContext();
        await context.SignInFailures.Where(f => f.Key == key).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes what no longer counts: failures older than <paramref name="window"/> and lapsed locks.</summary>
    public static async Task<int> SweepAsync(OrchestratorDatabase database, long now, long window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var context = database.CreateContext();
        return await context.SignInFailures.Where(f => (f.LockedUntil ?? f.Since + window) <= now).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
