using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Persistence;
using Orchestrator.Server.Hosting;

namespace Orchestrator.Server.Ui;

/// <summary>
/// <c>GET /api/dashboard</c>: per process — open and closed instances, SLA compliance and breaches, average
/// first response and handling time of its user tasks, CSAT (the <c>csat</c> variable) — the open-task backlog per
/// candidate group with ageing, and for complaints the escalation tiers and first-contact resolution.
/// </summary>
public static class Dashboard
{
    private static readonly string[] Tiers = ["tier1", "tier2", "tier3"];

    private static readonly (string Name, TimeSpan UpTo)[] Ages =
        [("under1h", TimeSpan.FromHours(1)), ("1to4h", TimeSpan.FromHours(4)), ("4to24h", TimeSpan.FromHours(24)), ("over24h", TimeSpan.MaxValue)];

    public static async Task<IResult> ComputeAsync(OrchestratorDbContext db, ControllableClock clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var instances = await db.ProcessInstances.AsNoTracking()
            .GroupBy(i => new { i.BpmnProcessId, i.State }).Select(g => new { g.Key.BpmnProcessId, g.Key.State, Count = g.Count() }).ToListAsync(ct).ConfigureAwait(false);
        var sla = await db.SlaEvents.AsNoTracking()
            .GroupBy(e => new { e.BpmnProcessId, e.Event }).Select(g => new { g.Key.BpmnProcessId, g.Key.Event, Count = g.Count() }).ToListAsync(ct).ConfigureAwait(false);
        var tasks = await db.UserTasks.AsNoTracking()
            .Select(t => new { t.BpmnProcessId, t.ElementId, t.State, t.CandidateGroups, t.CreationDate, t.CompletionDate, t.ProcessInstanceKey }).ToListAsync(ct).ConfigureAwait(false);
        var starts = await db.ProcessInstances.AsNoTracking().Select(i => new { i.Key, i.StartDate }).ToDictionaryAsync(i => i.Key, i => i.StartDate, ct).ConfigureAwait(false);
        var csat = await db.Variables.AsNoTracking().Where(v => v.Name == "csat")
            .Join(db.ProcessInstances.AsNoTracking(), v => v.ProcessInstanceKey, i => i.Key, (v, i) => new { i.BpmnProcessId, v.Value }).ToListAsync(ct).ConfigureAwait(false);

        var processes = instances.Select(i => i.BpmnProcessId).Distinct().Order(StringComparer.Ordinal).Select(process =>
        {
            var met = sla.Where(e => e.BpmnProcessId == process && e.Event == "MET").Sum(e => e.Count);
            var breached = sla.Where(e => e.BpmnProcessId == process && e.Event == "BREACHED").Sum(e => e.Count);
            var done = tasks.Where(t => t.BpmnProcessId == process && t.CompletionDate is not null && t.State == "COMPLETED").ToList();
            var firstResponses = done.GroupBy(t => t.ProcessInstanceKey)
                .Select(g => (g.Min(t => t.CompletionDate!.Value) - starts.GetValueOrDefault(g.Key)).TotalMinutes).ToList();
            var scores = csat.Where(c => c.BpmnProcessId == process)
                .Select(c => decimal.TryParse(c.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var score) ? (decimal?)score : null).OfType<decimal>().ToList();
            return new
            {
                processDefinitionId = process,
                open = instances.Where(i => i.BpmnProcessId == process && i.State == "ACTIVE").Sum(i => i.Count),
                closed = instances.Where(i => i.BpmnProcessId == process && i.State != "ACTIVE").Sum(i => i.Count),
                slaMet = met,
                slaBreached = breached,
                slaCompliancePercent = met + breached == 0 ? (double?)null : Math.Round(100.0 * met / (met + breached), 1),
                averageFirstResponseMinutes = firstResponses.Count == 0 ? (double?)null : Math.Round(firstResponses.Average(), 1),
                averageHandlingMinutes = done.Count == 0 ? (double?)null : Math.Round(done.Average(t => (t.CompletionDate!.Value - t.CreationDate).TotalMinutes), 1),
                csatAverage = scores.Count == 0 ? (decimal?)null : Math.Round(scores.Average(), 2),
                csatResponses = scores.Count,
            };
        }).ToList();

        var backlog = tasks.Where(t => t.State is not ("COMPLETED" or "CANCELED"))
            .SelectMany(t => (t.CandidateGroups.Split('|', StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } groups ? groups : ["(none)"]).Select(g => (Group: g, Age: now - t.CreationDate)))
            .GroupBy(t => t.Group).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new
            {
                group = g.Key,
                open = g.Count(),
                oldestMinutes = Math.Round(g.Max(t => t.Age).TotalMinutes, 1),
                ageing = Ages.ToDictionary(a => a.Name, a => g.Count(t => t.Age < a.UpTo && t.Age >= PreviousBound(a.Name))),
            }).ToList();

        var complaints = tasks.Where(t => t.BpmnProcessId == "complaint-escalation").GroupBy(t => t.ProcessInstanceKey).ToList();
        var closedComplaints = instances.Where(i => i.BpmnProcessId == "complaint-escalation" && i.State == "COMPLETED").Sum(i => i.Count);
        var tierSla = await db.SlaEvents.AsNoTracking().Where(e => e.BpmnProcessId == "complaint-escalation" && e.SubjectType == "USER_TASK")
            .GroupBy(e => new { e.ElementId, e.Event }).Select(g => new { g.Key.ElementId, g.Key.Event, Count = g.Count() }).ToListAsync(ct).ConfigureAwait(false);
        var tiers = Tiers.ToDictionary(tier => tier, tier =>
        {
            var met = tierSla.Where(e => e.ElementId == tier && e.Event == "MET").Sum(e => e.Count);
            var breached = tierSla.Where(e => e.ElementId == tier && e.Event == "BREACHED").Sum(e => e.Count);
            return new
            {
                open = tasks.Count(t => t.ElementId == tier && t.State is not ("COMPLETED" or "CANCELED") && t.BpmnProcessId == "complaint-escalation"),
                slaMet = met,
                slaBreached = breached,
                slaCompliancePercent = met + breached == 0 ? (double?)null : Math.Round(100.0 * met / (met + breached), 1),
            };
        }, StringComparer.Ordinal);
        // First-contact resolution counts complaints whose first tier has decided: resolved there, or escalated.
        var decided = complaints.Where(g => g.Any(t => t.ElementId == "tier1" && t.State == "COMPLETED") || g.Any(t => t.ElementId is "tier2" or "tier3")).ToList();
        var resolvedAtFirstTier = decided.Count(g => !g.Any(t => t.ElementId is "tier2" or "tier3"));
        return TypedResults.Ok(new
        {
            generatedAt = now,
            processes,
            backlog,
            complaints = new
            {
                tiers,
                firstContactResolutionPercent = decided.Count == 0 ? (double?)null : Math.Round(100.0 * resolvedAtFirstTier / decided.Count, 1),
                closed = closedComplaints,
            },
        });
    }

    private static TimeSpan PreviousBound(string name)
    {
        var index = Array.FindIndex(Ages, a => a.Name == name);
        return index == 0 ? TimeSpan.MinValue : Ages[index - 1].UpTo;
    }
}
