using Microsoft.EntityFrameworkCore;
using Orchestrator.Persistence;
using Orchestrator.Persistence.Rows;
using Orchestrator.Server.Hosting;
using Orchestrator.Server.Quality;

namespace Orchestrator.Server.Ui;

/// <summary>
/// <c>GET /api/dashboard</c>: per process — open and closed instances, SLA compliance and breaches, and for after-sales
/// cases the average first response, handling time and CSAT — the open-task backlog per candidate group with ageing, the
/// tiers (user tasks with a <c>tier</c> property in any deployed model, named after their task), and first-contact
/// resolution over resolved cases. Everything is counted in the database: grouped instance and SLA counts, the case and
/// task facts, and the open tasks only.
/// </summary>
public static class Dashboard
{
    public static async Task<IResult> ComputeAsync(OrchestratorDbContext db, ControllableClock clock, EngineHost host, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var instances = await db.ProcessInstances.AsNoTracking()
            .GroupBy(i => new { i.BpmnProcessId, i.State }).Select(g => new { g.Key.BpmnProcessId, g.Key.State, Count = g.Count() }).ToListAsync(ct).ConfigureAwait(false);
        var sla = await db.SlaEvents.AsNoTracking()
            .GroupBy(e => new { e.BpmnProcessId, e.Event }).Select(g => new { g.Key.BpmnProcessId, g.Key.Event, Count = g.Count() }).ToListAsync(ct).ConfigureAwait(false);
        var cases = await db.CaseFacts.AsNoTracking().Where(f => f.State != "ACTIVE").GroupBy(f => f.BpmnProcessId)
            .Select(g => new
            {
                Process = g.Key,
                FirstResponse = g.Average(f => f.FirstResponseMinutes),
                CsatSum = g.Sum(f => f.Csat),
                CsatResponses = g.Count(f => f.Csat != null),
                Decided = g.Count(f => f.FirstContact != null),
                FirstContact = g.Count(f => f.FirstContact == true),
            })
            .ToDictionaryAsync(c => c.Process, ct).ConfigureAwait(false);
        var handling = await db.TaskFacts.AsNoTracking().Where(t => t.State == "COMPLETED").GroupBy(t => t.BpmnProcessId)
            .Select(g => new { Process = g.Key, Minutes = g.Average(t => t.HandlingMinutes) })
            .ToDictionaryAsync(h => h.Process, h => h.Minutes, ct).ConfigureAwait(false);

        var processes = instances.Select(i => i.BpmnProcessId).Distinct().Order(StringComparer.Ordinal).Select(process =>
        {
            var met = sla.Where(e => e.BpmnProcessId == process && e.Event == "MET").Sum(e => e.Count);
            var breached = sla.Where(e => e.BpmnProcessId == process && e.Event == "BREACHED").Sum(e => e.Count);
            var facts = cases.GetValueOrDefault(process);
            return new
            {
                processDefinitionId = process,
                open = instances.Where(i => i.BpmnProcessId == process && i.State == "ACTIVE").Sum(i => i.Count),
                closed = instances.Where(i => i.BpmnProcessId == process && i.State != "ACTIVE").Sum(i => i.Count),
                slaMet = met,
                slaBreached = breached,
                slaCompliancePercent = KpiReport.Percent(met, met + breached),
                averageFirstResponseMinutes = facts?.FirstResponse is { } first ? Math.Round(first, 1) : (double?)null,
                averageHandlingMinutes = handling.GetValueOrDefault(process) is { } minutes ? Math.Round(minutes, 1) : (double?)null,
                csatAverage = facts is { CsatResponses: > 0 } ? Math.Round((double)(facts.CsatSum ?? 0) / facts.CsatResponses, 2) : (double?)null,
                csatResponses = facts?.CsatResponses ?? 0,
            };
        }).ToList();

        var decided = cases.Values.Sum(c => c.Decided);
        return TypedResults.Ok(new
        {
            generatedAt = now,
            processes,
            backlog = await KpiReport.BacklogAsync(db, null, now, ct).ConfigureAwait(false),
            tiers = await TiersAsync(db, host, ct).ConfigureAwait(false),
            firstContact = new { percent = KpiReport.Percent(cases.Values.Sum(c => c.FirstContact), decided), resolvedCases = decided },
        });
    }

    // The tiers the deployed models declare: open tasks and SLA events of their elements, named after the first such task.
    private static async Task<SortedDictionary<string, TierFigures>> TiersAsync(OrchestratorDbContext db, EngineHost host, CancellationToken ct)
    {
        var elements = host.Engine.Store.Definitions.All
            .SelectMany(d => d.Model.Elements.Values
                .Where(n => n.UserTask is not null && n.Properties.TryGetValue("tier", out var tier) && int.TryParse(tier, System.Globalization.CultureInfo.InvariantCulture, out _))
                .Select(n => (Definition: d.Key, n.Id, Tier: "tier" + int.Parse(n.Properties["tier"], System.Globalization.CultureInfo.InvariantCulture), n.Name)))
            .ToList();
        var tiers = new SortedDictionary<string, TierFigures>(StringComparer.Ordinal);
        if (elements.Count == 0)
        {
            return tiers;
        }

        var definitions = elements.Select(e => e.Definition).Distinct().ToList();
        var open = await db.UserTasks.AsNoTracking().Where(UserTaskRow.Live).Where(t => definitions.Contains(t.ProcessDefinitionKey))
            .GroupBy(t => new { t.ProcessDefinitionKey, t.ElementId }).Select(g => new { g.Key.ProcessDefinitionKey, g.Key.ElementId, Count = g.Count() })
            .ToListAsync(ct).ConfigureAwait(false);
        var events = await (
                from e in db.SlaEvents.AsNoTracking()
                join t in db.UserTasks.AsNoTracking() on e.SubjectKey equals t.Key
                where e.SubjectType == "USER_TASK" && (e.Event == "MET" || e.Event == "BREACHED") && definitions.Contains(t.ProcessDefinitionKey)
                group e by new { t.ProcessDefinitionKey, t.ElementId, e.Event } into g
                select new { g.Key.ProcessDefinitionKey, g.Key.ElementId, g.Key.Event, Count = g.Count() })
            .ToListAsync(ct).ConfigureAwait(false);
        foreach (var tier in elements.GroupBy(e => e.Tier))
        {
            var members = tier.Select(e => (e.Definition, e.Id)).ToHashSet();
            var met = events.Where(e => e.Event == "MET" && members.Contains((e.ProcessDefinitionKey, e.ElementId))).Sum(e => e.Count);
            var breached = events.Where(e => e.Event == "BREACHED" && members.Contains((e.ProcessDefinitionKey, e.ElementId))).Sum(e => e.Count);
            tiers[tier.Key] = new TierFigures(
                tier.Select(e => e.Name).FirstOrDefault(n => n is not null) ?? tier.Key,
                open.Where(o => members.Contains((o.ProcessDefinitionKey, o.ElementId))).Sum(o => o.Count),
                met, breached, KpiReport.Percent(met, met + breached));
        }

        return tiers;
    }

    private sealed record TierFigures(string Label, int Open, int SlaMet, int SlaBreached, double? SlaCompliancePercent);
}
