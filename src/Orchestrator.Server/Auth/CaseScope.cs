using System.Linq.Expressions;
using System.Security.Claims;
using Orchestrator.Persistence;

namespace Orchestrator.Server.Auth;

/// <summary>
/// What a caller may read of instances: everything with <see cref="Permissions.InstancesRead"/>; with only
/// <see cref="Permissions.CasesRead"/>, the instances of the tasks they may see (<see cref="TaskVisibility"/>) and no others.
/// </summary>
public static class CaseScope
{
    /// <summary>Narrows <paramref name="rows"/> to those of instances <paramref name="user"/> may read.</summary>
    public static IQueryable<T> Readable<T>(this IQueryable<T> rows, Expression<Func<T, long>> instanceKey, OrchestratorDbContext db, ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(instanceKey);
        ArgumentNullException.ThrowIfNull(db);
        if (Permissions.Has(user, Permissions.InstancesRead))
        {
            return rows;
        }

        var visible = TaskVisibility.Visible(db.UserTasks, user).Select(t => t.ProcessInstanceKey);
        var contains = Expression.Call(typeof(Queryable), nameof(Queryable.Contains), [typeof(long)], visible.Expression, instanceKey.Body);
        return rows.Where(Expression.Lambda<Func<T, bool>>(contains, instanceKey.Parameters));
    }

    /// <summary>Who the caller is, for the audit trail of operators' actions.</summary>
    public static string Actor(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Identity?.IsAuthenticated == true ? user.Identity.Name ?? "unnamed" : "anonymous";
    }
}
