using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Persistence;
using Orchestrator.Persistence.Rows;
using Orchestrator.Server.Api;
using Orchestrator.Server.Api.Search;
using Orchestrator.Server.Auth;
using Orchestrator.Server.Hosting;

namespace Orchestrator.Server.Sla;

/// <summary>
/// <c>POST /api/sla/events/search</c> (Camunda-style search over SLA events), <c>GET /api/sla/summary</c> (per process
/// and element) and <c>POST /api/sla/user-tasks</c> (where the open tasks' SLAs stand now, for the task list's badges).
/// </summary>
public static class SlaApi
{
    private static readonly SearchFields<SlaEventRow> Fields = new SearchFields<SlaEventRow>(e => e.Id)
        // As SlaMonitor records them.
        .OneOf("subjectType", e => e.SubjectType, ["USER_TASK", "PROCESS_INSTANCE"])
        .Key("subjectKey", e => e.SubjectKey)
        .Key("processInstanceKey", e => e.ProcessInstanceKey)
        .Text("processDefinitionId", e => e.BpmnProcessId)
        .Text("elementId", e => e.ElementId)
        .OneOf("event", e => e.Event, ["WARNING", "BREACHED", "MET"])
        .Date("dueDate", e => e.DueDate)
        .Date("at", e => e.At);

    public static RouteGroupBuilder MapSlaApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup("/api/sla").RequireAuthorization(Auth.AuthExtensions.ApiPolicy);
        // Each event names its case: a caller who may read only some cases sees only theirs (the summary counts all, naming none).
        group.MapPost("/events/search", (SearchRequest? request, OrchestratorDbContext db, ClaimsPrincipal user, CancellationToken ct) =>
            Fields.RunAsync(db.SlaEvents.AsNoTracking().Readable(e => e.ProcessInstanceKey, db, user), request, Item, ct)).RequirePermission(Permissions.DashboardRead);
        group.MapGet("/summary", async (string? processDefinitionId, OrchestratorDbContext db, CancellationToken ct) =>
        {
            var query = db.SlaEvents.AsNoTracking();
            if (processDefinitionId is not null)
            {
                query = query.Where(e => e.BpmnProcessId == processDefinitionId);
            }

            var counts = await query.GroupBy(e => new { e.BpmnProcessId, e.ElementId, e.Event })
                .Select(g => new { g.Key.BpmnProcessId, g.Key.ElementId, g.Key.Event, Count = g.Count() })
                .ToListAsync(ct).ConfigureAwait(false);
            return TypedResults.Ok(counts.GroupBy(c => (c.BpmnProcessId, c.ElementId)).Select(g =>
            {
                var met = g.Where(c => c.Event == "MET").Sum(c => c.Count);
                var breached = g.Where(c => c.Event == "BREACHED").Sum(c => c.Count);
                return new SlaSummary(g.Key.BpmnProcessId, g.Key.ElementId, met, breached, g.Where(c => c.Event == "WARNING").Sum(c => c.Count),
                    met + breached == 0 ? null : Math.Round(100.0 * met / (met + breached), 1));
            }).OrderBy(s => s.ProcessDefinitionId, StringComparer.Ordinal).ThenBy(s => s.ElementId, StringComparer.Ordinal).ToList());
        }).RequirePermission(Permissions.DashboardRead);
        group.MapPost("/user-tasks", async (TaskSlaRequest? request, OrchestratorDbContext db, SlaClock slaClock, ControllableClock clock, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var keys = (request?.UserTaskKeys ?? throw ApiException.Invalid("userTaskKeys is required"))
                .Select((k, i) => ApiValues.Key($"userTaskKeys[{i}]", k)).ToList();
            if (keys.Count > MaxTasks)
            {
                throw ApiException.Invalid($"userTaskKeys holds {keys.Count} keys; ask for at most {MaxTasks} at a time");
            }

            var now = clock.GetUtcNow();
            var tasks = await TaskVisibility.Visible(db.UserTasks.AsNoTracking(), user)
                .Where(UserTaskRow.Live).Where(t => keys.Contains(t.Key) && t.DueDate != null)
                .Select(t => new { t.Key, t.ProcessDefinitionKey, t.ElementId, t.CreationDate, DueDate = t.DueDate!.Value })
                .ToListAsync(ct).ConfigureAwait(false);
            return TypedResults.Ok(new TaskSlaResponse([.. tasks.Select(t =>
            {
                var standing = slaClock.Standing(t.CreationDate, t.DueDate, now, slaClock.CalendarOfTask(t.ProcessDefinitionKey, t.ElementId));
                return new TaskSla(Json.Key(t.Key), t.DueDate, standing.State, standing.Calendar,
                    (long)Math.Ceiling(standing.Left.TotalMinutes), (long)Math.Floor(standing.Late.TotalMinutes));
            })]));
        }).RequirePermission(Permissions.TasksWork, Permissions.TasksAll);
        return group;
    }

    private const int MaxTasks = 1000;

    private static SlaEventItem Item(SlaEventRow e) => new(
        Json.Key(e.Id), e.SubjectType, Json.Key(e.SubjectKey), Json.Key(e.ProcessInstanceKey), e.BpmnProcessId, e.ElementId, e.Event, e.DueDate, e.At);

    /// <summary>One SLA event.</summary>
    public sealed record SlaEventItem(
        string EventKey, string SubjectType, string SubjectKey, string ProcessInstanceKey, string ProcessDefinitionId, string? ElementId, string Event,
        DateTimeOffset DueDate, DateTimeOffset At);

    /// <summary>The tasks whose SLAs to report (keys as strings).</summary>
    public sealed record TaskSlaRequest(IReadOnlyList<string>? UserTaskKeys);

    /// <summary>Where each open, visible task with a due date stands; tasks without one are left out.</summary>
    public sealed record TaskSlaResponse(IReadOnlyList<TaskSla> Items);

    /// <summary>
    /// One task's SLA: OK, WARNING or BREACHED; the minutes left counted in its calendar's working hours (calendar null:
    /// wall-clock minutes) and the minutes since the breach.
    /// </summary>
    public sealed record TaskSla(string UserTaskKey, DateTimeOffset DueDate, string State, string? Calendar, long MinutesLeft, long MinutesLate);

    /// <summary>Met, breached and warned counts of one process (element null: the instances) or user task element, with compliance in percent.</summary>
    public sealed record SlaSummary(string ProcessDefinitionId, string? ElementId, int Met, int Breached, int Warnings, double? CompliancePercent);
}
