using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Orchestrator.Persistence.Rows;

namespace Orchestrator.Persistence.Cluster;

/// <summary>The clock every node of a cluster follows when a client pinned it (<c>PUT /v2/clock</c> on any node), kept in the database.</summary>
public static class ClusterClock
{
    private const string Setting = "clock";

    /// <summary>The pinned instant (epoch milliseconds), or null when the nodes follow the system clock.</summary>
    public static long? Read(OrchestratorDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        using var context = database.CreateContext();
        return context.ClusterSettings.AsNoTracking().FirstOrDefault(s => s.Name == Setting)?.Value is { } value
            ? long.Parse(value, System.Globalization.CultureInfo.InvariantCulture)
            : null;
    }

    /// <summary>
    /// Pins (or with null resets) the cluster's clock and tells the other nodes through the change feed, so that each follows it
    /// before its next command. Call it while holding the cluster gate: the feed is in commit order.
    /// </summary>
    public static async Task WriteAsync(OrchestratorDatabase database, int nodeId, long? pinned)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var context = database.CreateContext();
        await context.Database.OpenConnectionAsync().ConfigureAwait(false);
        await using var transaction = await context.Database.BeginTransactionAsync().ConfigureAwait(false);
        var value = pinned?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (await context.ClusterSettings.FindAsync(Setting).ConfigureAwait(false) is { } row)
        {
            row.Value = value;
        }
        else
        {
            context.ClusterSettings.Add(new ClusterSettingRow { Name = Setting, Value = value });
        }

        await context.SaveChangesAsync().ConfigureAwait(false);
        var payload = await ChangeFeed.AppendAsync(context.Database.GetDbConnection(), transaction.GetDbTransaction(), nodeId,
            new ChangeKeys { ClockChanged = true, ClockPinned = pinned }).ConfigureAwait(false);
        await transaction.CommitAsync().ConfigureAwait(false);
        await ChangeFeed.NotifyAsync(context.Database.GetDbConnection(), payload).ConfigureAwait(false);
    }
}
