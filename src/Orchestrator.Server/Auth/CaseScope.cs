using System.Linq.Expressions;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore.Query;
using Orchestrator.Persistence;

namespace Orchestrator.Server.Auth;

/// <summary>
/// What a caller may read of instances: everything with <see cref="Permissions.InstancesRead"/>; with only
/// <see cref="Permissions.CasesRead"/>, the instances of the tasks they may see (<see cref="TaskVisibility"/>), the cases
/// those of them that are <see cref="ReviewProcessId"/> instances review (<see cref="ReviewedInstanceVariable"/>), and no others.
/// </summary>
public static class CaseScope
{
    /// <summary>The process that reviews another case: whoever may read one of its instances may read the case it reviews.</summary>
    public const string ReviewProcessId = "quality-review";

    /// <summary>The variable of a review instance that holds the reviewed instance's key, as a string.</summary>
    public const string ReviewedInstanceVariable = "reviewedInstanceKey";

    /// <summary>Narrows <paramref name="rows"/> to those of instances <paramref name="user"/> may read.</summary>
    public static IQueryable<T> Readable<T>(this IQueryable<T> rows, Expression<Func<T, long>> instanceKey, OrchestratorDbContext db, ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(instanceKey);
        ArgumentNullException.ThrowIfNull(db);
        if (Permissions.Has(user, Permissions.InstancesRead))
        {
            return rows;
        }

        var tasks = TaskVisibility.Visible(db.UserTasks, user);
        var visible = tasks.Select(t => t.ProcessInstanceKey);
        var reviews = tasks.Where(t => t.BpmnProcessId == ReviewProcessId).Select(t => t.ProcessInstanceKey);

        // The key is compared as the variable stores it (JSON text, "\"123\""), so the variables' index on (instance, name) finds it.
        var reviewed = db.Variables
            .Where(v => v.Name == ReviewedInstanceVariable && v.ScopeKey == v.ProcessInstanceKey && reviews.Contains(v.ProcessInstanceKey))
            .Select(v => v.Value);
        Expression<Func<long, bool>> readable = key => visible.Contains(key) || reviewed.Contains("\"" + key + "\"");
        var body = ReplacingExpressionVisitor.Replace(readable.Parameters[0], instanceKey.Body, readable.Body);
        return rows.Where(Expression.Lambda<Func<T, bool>>(body, instanceKey.Parameters));
    }

    /// <summary>Who the caller is, for the audit trail of operators' actions.</summary>
    public static string Actor(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Identity?.IsAuthenticated == true ? user.Identity.Name ?? "unnamed" : "anonymous";
    }
}
