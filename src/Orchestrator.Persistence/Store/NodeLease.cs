using Microsoft.EntityFrameworkCore;
using Orchestrator.Persistence.Rows;

namespace Orchestrator.Persistence.Store;

/// <summary>
/// One node runs the engine on a database at a time: its active state is in its memory, so a second node
/// would work on a stale copy. The running node holds a lease it renews; another node refuses to start
/// while the lease is fresh. The same node restarting (same holder name) takes its lease back at once.
/// </summary>
public sealed class NodeLease(Func<OrchestratorDbContext> contexts, string holder, TimeSpan duration, TimeProvider clock)
{
    private const string EngineLease = "engine";

    /// <summary>This node's name in the lease.</summary>
    public string Holder => holder;

    /// <summary>Takes the lease or explains who holds it.</summary>
    /// <exception cref="InvalidOperationException">Another node holds a fresh lease.</exception>
    public void Acquire()
    {
        using var context = contexts();
        var now = clock.GetUtcNow();
        var lease = context.NodeLeases.Find(EngineLease);
        if (lease is null)
        {
            context.NodeLeases.Add(new NodeLeaseRow { Name = EngineLease, Holder = holder, ExpiresAt = now + duration });
        }
        else if (lease.Holder == holder || lease.ExpiresAt <= now)
        {
            lease.Holder = holder;
            lease.ExpiresAt = now + duration;
        }
        else
        {
            throw new InvalidOperationException(
                $"node '{lease.Holder}' runs the engine on this database (its lease runs until {lease.ExpiresAt:O}); one node per database is supported: "
                + "stop it, or give this node the same Engine:NodeId if it replaces it");
        }

        context.SaveChanges();
    }

    /// <summary>Extends the lease; false when another node took it meanwhile (this node must stop).</summary>
    public async Task<bool> RenewAsync(CancellationToken cancellationToken)
    {
        await using var context = contexts();
        var lease = await context.NodeLeases.FindAsync([EngineLease], cancellationToken).ConfigureAwait(false);
        if (lease is null || lease.Holder != holder)
        {
            return false;
        }

        lease.ExpiresAt = clock.GetUtcNow() + duration;
        try
        {
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }

    /// <summary>Gives the lease up (a clean shutdown), so another node may start at once.</summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        await using var context = contexts();
        await context.NodeLeases.Where(l => l.Name == EngineLease && l.Holder == holder).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
    }
}
