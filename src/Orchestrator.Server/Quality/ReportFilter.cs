using Microsoft.EntityFrameworkCore;
using Orchestrator.Persistence;
using Orchestrator.Persistence.Rows;
using Orchestrator.Server.Api;
using Orchestrator.Server.Auth;

namespace Orchestrator.Server.Quality;

/// <summary>
/// What the dashboard and the reports are narrowed to besides their period: one process (<c>processDefinitionId</c>), one
/// candidate group (<c>group</c>: tasks offered to it, and the cases and instances that had such a task) and one channel
/// (<c>channel</c>: the case's channel as the case facts record it; instances that are no case have none).
/// </summary>
public sealed record ReportFilter(string? Process, string? Group, string? Channel)
{
    private const int LongestValue = 200;

    /// <summary>Reads the three filters; 400 for an empty or overlong value, or a group holding the list separator <c>|</c>.</summary>
    public static ReportFilter Parse(string? processDefinitionId, string? group, string? channel)
    {
        var parsed = new ReportFilter(Value("processDefinitionId", processDefinitionId), Value("group", group), Value("channel", channel));
        return parsed.Group is { } g && g.Contains('|', StringComparison.Ordinal)
            ? throw ApiException.Invalid($"group: '{g}' cannot hold '|'")
            : parsed;
    }

    private static string? Value(string name, string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            throw ApiException.Invalid($"{name} must not be empty; leave it out to include every value");
        }

        if (value.Length > LongestValue || value.Any(char.IsControl))
        {
            throw ApiException.Invalid($"{name} must be at most {LongestValue} printable characters");
        }

        return value;
    }

    private string GroupPattern => TaskVisibility.ListEntryPattern(Group!);

    /// <summary>Cases of the process and channel that had a task offered to the group.</summary>
    public IQueryable<CaseFactRow> Cases(OrchestratorDbContext db, IQueryable<CaseFactRow> cases)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(cases);
        if (Process is { } process)
        {
            cases = cases.Where(f => f.BpmnProcessId == process);
        }

        if (Channel is { } channel)
        {
            cases = cases.Where(f => f.Channel == channel);
        }

        if (Group is not null)
        {
            var pattern = GroupPattern;
            cases = cases.Where(f => db.UserTasks.Any(t => t.ProcessInstanceKey == f.ProcessInstanceKey && EF.Functions.Like(t.CandidateGroups, pattern, TaskVisibility.LikeEscape)));
        }

        return cases;
    }

    /// <summary>Finished tasks of the process offered to the group, in cases of the channel.</summary>
    public IQueryable<TaskFactRow> TaskFacts(OrchestratorDbContext db, IQueryable<TaskFactRow> tasks)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(tasks);
        if (Process is { } process)
        {
            tasks = tasks.Where(t => t.BpmnProcessId == process);
        }

        if (Channel is { } channel)
        {
            tasks = tasks.Where(t => db.CaseFacts.Any(f => f.ProcessInstanceKey == t.ProcessInstanceKey && f.Channel == channel));
        }

        if (Group is not null)
        {
            var pattern = GroupPattern;
            tasks = tasks.Where(t => db.UserTasks.Any(u => u.Key == t.UserTaskKey && EF.Functions.Like(u.CandidateGroups, pattern, TaskVisibility.LikeEscape)));
        }

        return tasks;
    }

    /// <summary>User tasks of the process offered to the group, in cases of the channel.</summary>
    public IQueryable<UserTaskRow> UserTasks(OrchestratorDbContext db, IQueryable<UserTaskRow> tasks)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(tasks);
        if (Process is { } process)
        {
            tasks = tasks.Where(t => t.BpmnProcessId == process);
        }

        if (Channel is { } channel)
        {
            tasks = tasks.Where(t => db.CaseFacts.Any(f => f.ProcessInstanceKey == t.ProcessInstanceKey && f.Channel == channel));
        }

        if (Group is not null)
        {
            var pattern = GroupPattern;
            tasks = tasks.Where(t => EF.Functions.Like(t.CandidateGroups, pattern, TaskVisibility.LikeEscape));
        }

        return tasks;
    }

    /// <summary>Instances of the process, of a case of the channel, that had a task offered to the group.</summary>
    public IQueryable<ProcessInstanceRow> Instances(OrchestratorDbContext db, IQueryable<ProcessInstanceRow> instances)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(instances);
        if (Process is { } process)
        {
            instances = instances.Where(i => i.BpmnProcessId == process);
        }

        if (Channel is { } channel)
        {
            instances = instances.Where(i => db.CaseFacts.Any(f => f.ProcessInstanceKey == i.Key && f.Channel == channel));
        }

        if (Group is not null)
        {
            var pattern = GroupPattern;
            instances = instances.Where(i => db.UserTasks.Any(t => t.ProcessInstanceKey == i.Key && EF.Functions.Like(t.CandidateGroups, pattern, TaskVisibility.LikeEscape)));
        }

        return instances;
    }

    /// <summary>SLA events of the process and channel; with a group, only the SLAs of tasks offered to it (a case's own SLA is no group's).</summary>
    public IQueryable<SlaEventRow> SlaEvents(OrchestratorDbContext db, IQueryable<SlaEventRow> events)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(events);
        if (Process is { } process)
        {
            events = events.Where(e => e.BpmnProcessId == process);
        }

        if (Channel is { } channel)
        {
            events = events.Where(e => db.CaseFacts.Any(f => f.ProcessInstanceKey == e.ProcessInstanceKey && f.Channel == channel));
        }

        if (Group is not null)
        {
            var pattern = GroupPattern;
            events = events.Where(e => e.SubjectType == "USER_TASK"
                && db.UserTasks.Any(t => t.Key == e.SubjectKey && EF.Functions.Like(t.CandidateGroups, pattern, TaskVisibility.LikeEscape)));
        }

        return events;
    }

    /// <summary>Quality samples of the process, of tasks offered to the group, in cases of the channel.</summary>
    public IQueryable<QualitySampleRow> Samples(OrchestratorDbContext db, IQueryable<QualitySampleRow> samples)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(samples);
        if (Process is { } process)
        {
            samples = samples.Where(s => s.BpmnProcessId == process);
        }

        if (Channel is { } channel)
        {
            samples = samples.Where(s => db.CaseFacts.Any(f => f.ProcessInstanceKey == s.ProcessInstanceKey && f.Channel == channel));
        }

        if (Group is not null)
        {
            var pattern = GroupPattern;
            samples = samples.Where(s => db.UserTasks.Any(t => t.Key == s.UserTaskKey && EF.Functions.Like(t.CandidateGroups, pattern, TaskVisibility.LikeEscape)));
        }

        return samples;
    }
}
