using Microsoft.EntityFrameworkCore;

namespace Orchestrator.Server.Hosting;

/// <summary>
/// For background passes that work item by item and resume at start-up (webhook deliveries, batch operation items): which
/// exceptions fail the one item rather than the pass.
/// </summary>
public static class ItemFailures
{
    /// <summary>
    /// True for an exception that says nothing of the database or of stopping (those end the pass, or the server, and the item is
    /// tried again later): a defect met on this item, whose engine command was rolled back. Such an item is failed, not retried —
    /// retried, it would meet the defect again at every start.
    /// </summary>
    public static bool IsDefect(Exception exception) =>
        exception is not (OperationCanceledException or Persistence.Store.StoreFaultedException or DbUpdateException or System.Data.Common.DbException or TimeoutException);
}
