using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Persistence;
using Orchestrator.Persistence.Rows;
using Microsoft.AspNetCore.Http.HttpResults;
using Orchestrator.Server.Api;
using Orchestrator.Server.Auth;
using Orchestrator.Server.Hosting;
using Orchestrator.Server.Quality;
using Orchestrator.Server.Sla;

namespace Orchestrator.Server.Ui;

/// <summary>
/// <c>GET /api/dashboard</c>: per process — open and closed instances, SLA compliance and breaches, and for after-sales
/// cases the average first response, handling time and CSAT — the open-task backlog per candidate group with ageing, the
/// tiers (user tasks with a <c>tier</c> property in any deployed model, named after their task), first-contact resolution
/// over resolved cases, and the latest SLA breaches (of the cases the caller may open). Everything is counted in the database: grouped instance and SLA
/// counts, the case and task facts, and the open tasks only.
/// <para>
/// <c>from</c>/<c>to</c> (either given) narrow every figure to the period: instances still open that started in it and
/// instances that ended in it, SLAs met or breached in it, cases resolved and tasks completed in it, open tasks created in
/// it. <c>processDefinitionId</c>, <c>group</c> and <c>channel</c> narrow them as <see cref="ReportFilter"/> says.
/// </para>
/// </summary>
public static class Dashboard
{
    private const string Active = "ACTIVE";
    private const int Breaches = 10;

    public static async Task<Ok<DashboardResponse>> ComputeAsync(
        string? from, string? to, string? processDefinitionId, string? group, string? channel,
        OrchestratorDbContext db, ControllableClock clock, EngineHost host, ClaimsPrincipal user, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var window = from is null && to is null ? null : ReportWindow.Parse(from, to, now);
        var filter = ReportFilter.Parse(processDefinitionId, group, channel);

        var instances = filter.Instances(db, db.ProcessInstances.AsNoTracking());
        var openInstances = instances.Where(i => i.State == Active);
        var closedInstances = instances.Where(i => i.State != Active);
        var slaEvents = filter.SlaEvents(db, db.SlaEvents.AsNoTracking());
        var caseFacts = filter.Cases(db, db.CaseFacts.AsNoTracking().Where(f => f.State != Active));
        var taskFacts = filter.TaskFacts(db, db.TaskFacts.AsNoTracking().Where(t => t.State == "COMPLETED"));
        var openTasks = filter.UserTasks(db, db.UserTasks.AsNoTracking().Where(UserTaskRow.Live));
        if (window is not null)
        {
            openInstances = openInstances.Where(i => i.StartDate >= window.From && i.StartDate < window.To);
            closedInstances = closedInstances.Where(i => i.EndDate >= window.From && i.EndDate < window.To);
            slaEvents = slaEvents.Where(e => e.At >= window.From && e.At < window.To);
            caseFacts = caseFacts.Where(f => f.ResolvedAt >= window.From && f.ResolvedAt < window.To);
            taskFacts = taskFacts.Where(t => t.EndedAt >= window.From && t.EndedAt < window.To);
            openTasks = openTasks.Where(t => t.CreationDate >= window.From && t.CreationDate < window.To);
        }

        var open = await openInstances.GroupBy(i => i.BpmnProcessId).Select(g => new { Process = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Process, g => g.Count, ct).ConfigureAwait(false);
        var closed = await closedInstances.GroupBy(i => i.BpmnProcessId).Select(g => new { Process = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Process, g => g.Count, ct).ConfigureAwait(false);
        var sla = await slaEvents
            .GroupBy(e => new { e.BpmnProcessId, e.Event }).Select(g => new { g.Key.BpmnProcessId, g.Key.Event, Count = g.Count() }).ToListAsync(ct).ConfigureAwait(false);
        var cases = await caseFacts.GroupBy(f => f.BpmnProcessId)
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
        var handling = await taskFacts.GroupBy(t => t.BpmnProcessId)
            .Select(g => new { Process = g.Key, Minutes = g.Average(t => t.HandlingMinutes) })
            .ToDictionaryAsync(h => h.Process, h => h.Minutes, ct).ConfigureAwait(false);

        var processes = open.Keys.Concat(closed.Keys).Concat(sla.Select(e => e.BpmnProcessId)).Concat(cases.Keys)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(process =>
            {
                var met = sla.Where(e => e.BpmnProcessId == process && e.Event == "MET").Sum(e => e.Count);
                var breached = sla.Where(e => e.BpmnProcessId == process && e.Event == "BREACHED").Sum(e => e.Count);
                var facts = cases.GetValueOrDefault(process);
                return new ProcessFigures(
                    process, open.GetValueOrDefault(process), closed.GetValueOrDefault(process), met, breached, KpiReport.Percent(met, met + breached),
                    facts?.FirstResponse is { } first ? Math.Round(first, 1) : null,
                    handling.GetValueOrDefault(process) is { } minutes ? Math.Round(minutes, 1) : null,
                    facts is { CsatResponses: > 0 } ? Math.Round((double)(facts.CsatSum ?? 0) / facts.CsatResponses, 2) : null,
                    facts?.CsatResponses ?? 0);
            }).ToList();

        // The figures count every case; the breaches name cases, so only those the caller may open (as the SLA event search does).
        var breaches = await slaEvents.Readable(e => e.ProcessInstanceKey, db, user).Where(e => e.Event == "BREACHED").OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(Breaches)
            .ToListAsync(ct).ConfigureAwait(false);
        var decided = cases.Values.Sum(c => c.Decided);
        var firstContact = cases.Values.Sum(c => c.FirstContact);
        return TypedResults.Ok(new DashboardResponse(
            now, window?.From, window?.To, processes,
            await KpiReport.BacklogAsync(openTasks, now, ct).ConfigureAwait(false),
            await TiersAsync(db, host, openTasks, slaEvents, ct).ConfigureAwait(false),
            new FirstContactFigures(KpiReport.Percent(firstContact, decided), decided, firstContact),
            [.. breaches.Select(e => new SlaApi.SlaEventItem(
                Json.Key(e.Id), e.SubjectType, Json.Key(e.SubjectKey), Json.Key(e.ProcessInstanceKey), e.BpmnProcessId, e.ElementId, e.Event, e.DueDate, e.At))]));
    }

    // The tiers the deployed models declare: open tasks and SLA events of their elements, named after the first such task.
    private static async Task<SortedDictionary<string, TierFigures>> TiersAsync(
        OrchestratorDbContext db, EngineHost host, IQueryable<UserTaskRow> openTasks, IQueryable<SlaEventRow> slaEvents, CancellationToken ct)
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
        var open = await openTasks.Where(t => definitions.Contains(t.ProcessDefinitionKey))
            .GroupBy(t => new { t.ProcessDefinitionKey, t.ElementId }).Select(g => new { g.Key.ProcessDefinitionKey, g.Key.ElementId, Count = g.Count() })
            .ToListAsync(ct).ConfigureAwait(false);
        var events = await (
                from e in slaEvents
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

}

/// <summary>A tier's open tasks and SLAs met and breached.</summary>
public sealed record TierFigures(string Label, int Open, int SlaMet, int SlaBreached, double? SlaCompliancePercent);

/// <summary>A process's figures on the dashboard; durations in minutes, null where nothing was measured.</summary>
public sealed record ProcessFigures(
    string ProcessDefinitionId, int Open, int Closed, int SlaMet, int SlaBreached, double? SlaCompliancePercent,
    double? AverageFirstResponseMinutes, double? AverageHandlingMinutes, double? CsatAverage, int CsatResponses);

/// <summary>First-contact resolution: the share of the resolved cases (decided ones) that took one contact.</summary>
public sealed record FirstContactFigures(double? Percent, int ResolvedCases, int FirstContactCases);

/// <summary>The dashboard: the period asked for (none: all time), the figures, and the latest breaches, newest first.</summary>
public sealed record DashboardResponse(
    DateTimeOffset GeneratedAt, DateTimeOffset? From, DateTimeOffset? To, IReadOnlyList<ProcessFigures> Processes, IReadOnlyList<BacklogRow> Backlog,
    IReadOnlyDictionary<string, TierFigures> Tiers, FirstContactFigures FirstContact, IReadOnlyList<SlaApi.SlaEventItem> Breaches);
