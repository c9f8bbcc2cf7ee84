using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Persistence;
using Orchestrator.Persistence.Rows;

namespace Orchestrator.Server.Quality;

/// <summary>
/// <c>GET /api/kpis</c>: service KPIs per agent, group, process or tier, counted in the database from the case and task
/// facts. Case figures (first response, resolution, first-contact resolution, reopen rate, CSAT, NPS) belong to the cases
/// resolved in the period, each counted for whoever completed its last task (by agent or group), its process, or the highest
/// tier it reached; task figures (handling time, SLA met or breached) to the tasks completed in the period and their
/// assignee, group, process or tier.
/// </summary>
public static class KpiReport
{
    /// <summary>The groupings <c>by</c> takes.</summary>
    public static readonly string[] Groupings = ["agent", "group", "process", "tier"];

    private const string None = "(none)";

    /// <summary>
    /// The report (of <paramref name="onlyAgent"/>'s cases and tasks alone when given; the open-task backlog is everyone's, as on
    /// the dashboard); <paramref name="calendarOfTask"/> names the business calendar a user task's handling time is counted in
    /// (by process definition key and element id): its SLA's, or null for elapsed time (<see cref="Sla.SlaClock.CalendarOfTask"/>).
    /// </summary>
    public static async Task<KpiResponse> ComputeAsync(
        OrchestratorDbContext db, ReportWindow window, string by, ReportFilter? filter, string? onlyAgent, Func<long, string, string?> calendarOfTask,
        DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(calendarOfTask);
        filter ??= new ReportFilter(null, null, null);
        var cases = filter.Cases(db, db.CaseFacts.AsNoTracking().Where(f => f.State != "ACTIVE" && f.ResolvedAt >= window.From && f.ResolvedAt < window.To));
        var tasks = filter.TaskFacts(db, db.TaskFacts.AsNoTracking().Where(t => t.State == "COMPLETED" && t.EndedAt >= window.From && t.EndedAt < window.To));
        if (onlyAgent is not null)
        {
            // An agent's report is theirs alone — rows, totals and trend — so no filter or narrow period shows another's figures.
            cases = cases.Where(f => f.Resolver == onlyAgent);
            tasks = tasks.Where(t => t.Assignee == onlyAgent);
        }

        var caseRows = await CaseFiguresAsync(cases, CaseKey(by), ct).ConfigureAwait(false);
        var taskRows = await tasks.GroupBy(TaskKey(by))
            .Select(g => new TaskFigures(g.Key, g.Count(), g.Sum(t => t.HandlingMinutes), g.Count(t => t.HandlingMinutes != null),
                g.Count(t => t.Sla == "MET"), g.Count(t => t.Sla == "BREACHED")))
            .ToListAsync(ct).ConfigureAwait(false);

        var keys = caseRows.Select(c => c.Key ?? None).Concat(taskRows.Select(t => t.Key ?? None))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var rows = keys.Select(key => Row(key, caseRows.Where(c => (c.Key ?? None) == key), taskRows.Where(t => (t.Key ?? None) == key))).ToList();
        var totals = Row("all", caseRows, taskRows);

        var weekly = window.To - window.From > TimeSpan.FromDays(31);
        var trend = await TrendAsync(cases, weekly, ct).ConfigureAwait(false);
        var backlog = await BacklogAsync(filter.UserTasks(db, db.UserTasks.AsNoTracking().Where(UserTaskRow.Live)), now, ct).ConfigureAwait(false);
        var taskKinds = await tasks.Select(t => new { t.ProcessDefinitionKey, t.ElementId }).Distinct().ToListAsync(ct).ConfigureAwait(false);
        var countedIn = taskKinds.Select(t => calendarOfTask(t.ProcessDefinitionKey, t.ElementId)).ToList();
        var handling = new HandlingTimeBasis([.. countedIn.OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)], countedIn.Contains(null));
        return new KpiResponse(window.From, window.To, by, rows, totals, backlog, trend, handling);
    }

    private static Expression<Func<CaseFactRow, string?>> CaseKey(string by) => by switch
    {
        "agent" => f => f.Resolver,
        "group" => f => f.ResolverGroup,
        "process" => f => f.BpmnProcessId,
        _ => f => f.MaxTier == null ? null : "tier" + f.MaxTier,
    };

    private static Expression<Func<TaskFactRow, string?>> TaskKey(string by) => by switch
    {
        "agent" => t => t.Assignee,
        "group" => t => t.CandidateGroup,
        "process" => t => t.BpmnProcessId,
        _ => t => t.Tier == null ? null : "tier" + t.Tier,
    };

    private static Task<List<CaseFigures<TKey>>> CaseFiguresAsync<TKey>(IQueryable<CaseFactRow> cases, Expression<Func<CaseFactRow, TKey>> key, CancellationToken ct) =>
        cases.GroupBy(key).Select(g => new CaseFigures<TKey>(
                g.Key,
                g.Count(),
                g.Sum(f => f.FirstResponseMinutes), g.Count(f => f.FirstResponseMinutes != null),
                g.Sum(f => f.ResolutionMinutes), g.Count(f => f.ResolutionMinutes != null),
                g.Count(f => f.FirstContact != null), g.Count(f => f.FirstContact == true),
                g.Count(f => f.ReopenedBy != null),
                g.Sum(f => f.Csat), g.Count(f => f.Csat != null),
                g.Count(f => f.Nps != null), g.Count(f => f.Nps >= 9), g.Count(f => f.Nps <= 6)))
            .ToListAsync(ct);

    private static KpiRow Row<TKey>(string key, IEnumerable<CaseFigures<TKey>> caseFigures, IEnumerable<TaskFigures> taskFigures)
    {
        var c = caseFigures.ToList();
        var t = taskFigures.ToList();
        var met = t.Sum(x => x.SlaMet);
        var breached = t.Sum(x => x.SlaBreached);
        int Sum(Func<CaseFigures<TKey>, int> part) => c.Sum(part);
        var npsResponses = Sum(x => x.NpsResponses);
        var promoters = Sum(x => x.Promoters);
        var detractors = Sum(x => x.Detractors);
        var cases = Sum(x => x.Cases);
        return new KpiRow(
            key, key, cases, t.Sum(x => x.Completed),
            Average(c.Sum(x => x.FirstResponseSum ?? 0), Sum(x => x.FirstResponseCount)),
            Average(t.Sum(x => x.HandlingSum ?? 0), t.Sum(x => x.HandlingCount)),
            Average(c.Sum(x => x.ResolutionSum ?? 0), Sum(x => x.ResolutionCount)) is { } minutes ? Math.Round(minutes / 60, 1) : null,
            Percent(Sum(x => x.FirstContact), Sum(x => x.Completed)),
            met, breached, Percent(met, met + breached),
            Percent(Sum(x => x.Reopened), cases),
            Average(c.Sum(x => (double)(x.CsatSum ?? 0)), Sum(x => x.CsatResponses), 2), Sum(x => x.CsatResponses),
            npsResponses == 0 ? null : Math.Round(100.0 * (promoters - detractors) / npsResponses, 1), npsResponses,
            promoters, npsResponses - promoters - detractors, detractors);
    }

    private static async Task<List<TrendPoint>> TrendAsync(IQueryable<CaseFactRow> cases, bool weekly, CancellationToken ct)
    {
        // Days since 1970-01-01 (a Thursday): (day + 3) / 7 numbers the weeks from Monday to Sunday.
        var points = weekly
            ? await CaseFiguresAsync(cases.Where(f => f.ResolvedDay != null), f => (f.ResolvedDay!.Value + 3) / 7, ct).ConfigureAwait(false)
            : await CaseFiguresAsync(cases.Where(f => f.ResolvedDay != null), f => f.ResolvedDay!.Value, ct).ConfigureAwait(false);
        var epoch = DateOnly.FromDateTime(DateTime.UnixEpoch);
        return [.. points.Select(p =>
            {
                var day = weekly ? epoch.AddDays((p.Key * 7) - 3) : epoch.AddDays(p.Key);
                var row = Row("period", [p], []);
                return new TrendPoint(day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), row.Cases, row.FirstResponseMinutes,
                    row.FirstContactResolutionPercent, row.ReopenRatePercent, row.CsatAverage, row.Nps);
            }).OrderBy(p => p.Period, StringComparer.Ordinal)];
    }

    private static readonly (string Name, TimeSpan UpTo)[] Ages =
        [("under1h", TimeSpan.FromHours(1)), ("1to4h", TimeSpan.FromHours(4)), ("4to24h", TimeSpan.FromHours(24)), ("over24h", TimeSpan.MaxValue)];

    /// <summary>The open tasks given per candidate group with their ageing: only what waits now is read, however long the history.</summary>
    public static async Task<List<BacklogRow>> BacklogAsync(IQueryable<UserTaskRow> open, DateTimeOffset now, CancellationToken ct)
    {
        var waiting = await open.GroupBy(t => new { t.CandidateGroups, t.CreationDate }).Select(g => new { g.Key.CandidateGroups, g.Key.CreationDate, Count = g.Count() })
            .ToListAsync(ct).ConfigureAwait(false);
        return [.. waiting
            .SelectMany(t => (t.CandidateGroups.Split('|', StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } groups ? groups : [None])
                .Select(g => (Group: g, Age: now - t.CreationDate, t.Count)))
            .GroupBy(t => t.Group, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new BacklogRow(
                g.Key,
                g.Sum(t => t.Count),
                Math.Round(Math.Max(0, g.Max(t => t.Age).TotalMinutes), 1),
                Ages.Select((a, i) => (a.Name, Count: g.Where(t => t.Age < a.UpTo && (i == 0 || t.Age >= Ages[i - 1].UpTo)).Sum(t => t.Count)))
                    .ToDictionary(a => a.Name, a => a.Count, StringComparer.Ordinal)))];
    }

    /// <summary>part / whole as a percentage with one decimal, or null when the whole is 0.</summary>
    public static double? Percent(int part, int whole) => whole == 0 ? null : Math.Round(100.0 * part / whole, 1);

    private static double? Average(double sum, int count, int digits = 1) => count == 0 ? null : Math.Round(sum / count, digits);

    private sealed record CaseFigures<TKey>(
        TKey Key, int Cases, double? FirstResponseSum, int FirstResponseCount, double? ResolutionSum, int ResolutionCount,
        int Completed, int FirstContact, int Reopened, int? CsatSum, int CsatResponses, int NpsResponses, int Promoters, int Detractors);

    private sealed record TaskFigures(string? Key, int Completed, double? HandlingSum, int HandlingCount, int SlaMet, int SlaBreached);
}

public sealed record KpiRow(
    string Key, string Label, int Cases, int TasksCompleted, double? FirstResponseMinutes, double? HandlingMinutes, double? ResolutionHours,
    double? FirstContactResolutionPercent, int SlaMet, int SlaBreached, double? SlaCompliancePercent, double? ReopenRatePercent,
    double? CsatAverage, int CsatResponses, double? Nps, int NpsResponses, int Promoters, int Passives, int Detractors);

public sealed record BacklogRow(string Group, int Open, double OldestMinutes, IReadOnlyDictionary<string, int> Ageing);

public sealed record TrendPoint(
    string Period, int Cases, double? FirstResponseMinutes, double? FirstContactResolutionPercent, double? ReopenRatePercent, double? CsatAverage, double? Nps);

public sealed record KpiResponse(
    DateTimeOffset From, DateTimeOffset To, string By, IReadOnlyList<KpiRow> Rows, KpiRow Totals, IReadOnlyList<BacklogRow> Backlog,
    IReadOnlyList<TrendPoint> Trend, HandlingTimeBasis HandlingTime);

/// <summary>What the handling times of the period's completed tasks count (the UI words it in the reader's language).</summary>
/// <param name="Calendars">The business calendars whose working hours they count: those of the tasks' SLA due dates.</param>
/// <param name="ElapsedTime">True when some count elapsed time: tasks whose due date is not counted in a business calendar.</param>
public sealed record HandlingTimeBasis(IReadOnlyList<string> Calendars, bool ElapsedTime);
