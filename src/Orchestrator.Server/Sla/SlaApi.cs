using Microsoft.EntityFrameworkCore;
using Orchestrator.Persistence;
using Orchestrator.Persistence.Rows;
using Orchestrator.Server.Api;
using Orchestrator.Server.Api.Search;

namespace Orchestrator.Server.Sla;

/// <summary><c>POST /api/sla/events/search</c> (Camunda-style search over SLA events) and <c>GET /api/sla/summary</c> (per process and element).</summary>
public static class SlaApi
{
    private static readonly SearchFields<SlaEventRow> Fields = new SearchFields<SlaEventRow>(e => e.Id)
        .Text("subjectType", e => e.SubjectType)
        .Key("subjectKey", e => e.SubjectKey)
        .Key("processInstanceKey", e => e.ProcessInstanceKey)
        .Text("processDefinitionId", e => e.BpmnProcessId)
        .Text("elementId", e => e.ElementId)
        .Text("event", e => e.Event)
        .Date("dueDate", e => e.DueDate)
        .Date("at", e => e.At);

    public static RouteGroupBuilder MapSlaApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup("/api/sla").RequireAuthorization(Auth.AuthExtensions.ApiPolicy);
        group.MapPost("/events/search", (SearchRequest? request, OrchestratorDbContext db, CancellationToken ct) =>
            Fields.RunAsync(db.SlaEvents.AsNoTracking(), request, Item, ct));
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
        });
        return group;
    }

    private static SlaEventItem Item(SlaEventRow e) => new(
        Json.Key(e.Id), e.SubjectType, Json.Key(e.SubjectKey), Json.Key(e.ProcessInstanceKey), e.BpmnProcessId, e.ElementId, e.Event, e.DueDate, e.At);

    /// <summary>One SLA event.</summary>
    public sealed record SlaEventItem(
        string EventKey, string SubjectType, string SubjectKey, string ProcessInstanceKey, string ProcessDefinitionId, string? ElementId, string Event,
        DateTimeOffset DueDate, DateTimeOffset At);

    /// <summary>Met, breached and warned counts of one process (element null: the instances) or user task element, with compliance in percent.</summary>
    public sealed record SlaSummary(string ProcessDefinitionId, string? ElementId, int Met, int Breached, int Warnings, double? CompliancePercent);
}
