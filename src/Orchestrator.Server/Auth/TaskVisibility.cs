using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Persistence.Rows;

namespace Orchestrator.Server.Auth;

/// <summary>
/// Who may see and work on which user tasks: holders of <see cref="Permissions.TasksAll"/> (admins, and anonymous access
/// when it is switched on) all of them; everyone else the tasks assigned to them, offered to them by name, or offered to
/// one of their groups.
/// </summary>
public static class TaskVisibility
{
    /// <summary>The claim type that names one of the user's groups.</summary>
    public const string GroupClaim = "group";

    /// <summary>True when <paramref name="user"/> sees and works on every task (<see cref="Permissions.TasksAll"/>).</summary>
    public static bool SeesAll(ClaimsPrincipal user) => Permissions.Has(user, Permissions.TasksAll);

    /// <summary>Narrows a task query to what <paramref name="user"/> may see.</summary>
    public static IQueryable<UserTaskRow> Visible(IQueryable<UserTaskRow> tasks, ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        if (SeesAll(user))
        {
            return tasks;
        }

        var name = user.Identity!.Name ?? "";
        // A name or group holding the list separator would match across entries ("x|bob" in |x|bob|): it matches no list.
        var byName = name.Contains('|', StringComparison.Ordinal) ? null : ListEntryPattern(name);
        var groups = Groups(user).Select(ListEntryPattern).ToList();
        return tasks.Where(t => t.Assignee == name
            || (byName != null && EF.Functions.Like(t.CandidateUsers, byName, LikeEscape))
            || groups.Any(g => EF.Functions.Like(t.CandidateGroups, g, LikeEscape)));
    }

    /// <summary>The escape character of <see cref="ListEntryPattern"/>.</summary>
    public const string LikeEscape = "\\";

    /// <summary>A LIKE pattern matching a <c>|a|b|</c> list that holds <paramref name="entry"/>; its own <c>%</c> and <c>_</c> match only themselves.</summary>
    public static string ListEntryPattern(string entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var escaped = entry.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
        return "%|" + escaped + "|%";
    }

    /// <summary>True when <paramref name="user"/> may see and work on <paramref name="task"/>.</summary>
    public static bool MayWorkOn(UserTaskRow task, ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (SeesAll(user))
        {
            return true;
        }

        var name = user.Identity!.Name ?? "";
        return task.Assignee == name
            || (!name.Contains('|', StringComparison.Ordinal) && task.CandidateUsers.Contains("|" + name + "|", StringComparison.Ordinal))
            || Groups(user).Any(g => task.CandidateGroups.Contains("|" + g + "|", StringComparison.Ordinal));
    }

    /// <summary>The user's groups; one holding the list separator is left out (it would match across entries).</summary>
    private static IEnumerable<string> Groups(ClaimsPrincipal user) => user.FindAll(GroupClaim).Select(c => c.Value).Where(g => !g.Contains('|', StringComparison.Ordinal));
}
