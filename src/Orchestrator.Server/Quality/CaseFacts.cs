using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.State;
using Orchestrator.Feel;
using Orchestrator.Persistence;
using Orchestrator.Persistence.Rows;
using Orchestrator.Persistence.Store;
using Orchestrator.Server.Hosting;
using Orchestrator.Server.Sla;

namespace Orchestrator.Server.Quality;

/// <summary>
/// Keeps <c>case_facts</c> and <c>task_facts</c>: a case (a root instance of a process whose model declares
/// <c>tracking.caseType</c>) gets its row when it starts and its figures when it ends; its user tasks get theirs as they
/// finish. Only open cases are looked at each pass (plus those started since the one before), so a pass costs what the
/// backlog costs, not what the history does.
/// </summary>
public sealed class CaseFacts(EngineHost host, SlaClock slaClock, IOptions<QualityOptions> options)
{
    private const string Active = "ACTIVE";

    private static readonly TimeSpan StartMargin = TimeSpan.FromHours(1);

    private DateTimeOffset? _lastPass;

    // Ended cases put off once because a task's SLA was not decided yet.
    private readonly HashSet<long> _deferred = [];

    private readonly Dictionary<string, FeelExpression?> _dimensions = options.Value.Dimensions
        .ToDictionary(d => d.Key, d => FeelEngine.Default.TryParse(d.Value, out var parsed, out _) ? parsed : null, StringComparer.Ordinal);

    /// <summary>Records the cases started since the last pass; returns how many.</summary>
    public async Task<int> StartCasesAsync(OrchestratorDbContext db, CancellationToken cancellationToken)
    {
        var tracked = host.Engine.Store.Definitions.All.Where(d => d.Model.Tracking is not null).Select(d => d.Key).ToList();
        if (tracked.Count == 0)
        {
            return 0;
        }

        // Cases still open, and those started since the last pass (with a margin for clocks that differ between nodes). At the
        // first pass, and when the clock was put back (clock control), every case is looked at once.
        var now = host.Clock.GetUtcNow();
        var since = _lastPass is { } last && now >= last ? last - StartMargin : DateTimeOffset.MinValue;
        var started = await db.ProcessInstances.AsNoTracking()
            .Where(i => i.ParentInstanceKey == null && tracked.Contains(i.ProcessDefinitionKey) && (i.State == Active || i.StartDate >= since)
                && !db.CaseFacts.Any(f => f.ProcessInstanceKey == i.Key))
            .Select(i => new { i.Key, i.BpmnProcessId, i.ProcessDefinitionKey, i.StartDate })
            .Take(1000)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (started.Count < 1000)
        {
            _lastPass = now;
        }

        foreach (var instance in started)
        {
            var variables = await ReadVariablesAsync(db, instance.Key, cancellationToken).ConfigureAwait(false);
            var fact = new CaseFactRow
            {
                ProcessInstanceKey = instance.Key,
                BpmnProcessId = instance.BpmnProcessId,
                ProcessDefinitionKey = instance.ProcessDefinitionKey,
                State = Active,
                StartedAt = instance.StartDate.ToUniversalTime(),
            };
            Describe(fact, variables);
            db.CaseFacts.Add(fact);
            await MarkReopenedAsync(db, fact, cancellationToken).ConfigureAwait(false);
        }

        return started.Count;
    }

    /// <summary>
    /// Records the user tasks of open cases that finished since the last pass, once the SLA sweep has decided their SLA (a task
    /// finished after the sweep waits for the next pass); returns how many.
    /// </summary>
    public async Task<int> RecordTasksAsync(OrchestratorDbContext db, CancellationToken cancellationToken)
    {
        var tasks = await (
                from t in db.UserTasks.AsNoTracking()
                join f in db.CaseFacts on t.ProcessInstanceKey equals f.ProcessInstanceKey
                where f.State == Active && (t.State == "COMPLETED" || t.State == "CANCELED") && !db.TaskFacts.Any(x => x.UserTaskKey == t.Key)
                    && (t.DueDate == null || t.State == "CANCELED" || db.SlaEvents.Any(e => e.SubjectKey == t.Key && (e.Event == "MET" || e.Event == "BREACHED")))
                select t)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        await AddTaskFactsAsync(db, tasks, cancellationToken).ConfigureAwait(false);
        return tasks.Count;
    }

    /// <summary>Completes the facts of the cases that ended since the last pass; returns them.</summary>
    public async Task<IReadOnlyList<EndedCase>> EndCasesAsync(OrchestratorDbContext db, CancellationToken cancellationToken)
    {
        var ended = await (
                from f in db.CaseFacts
                join i in db.ProcessInstances on f.ProcessInstanceKey equals i.Key
                where f.State == Active && i.State != Active
                select new { Fact = f, i.State, i.EndDate })
            .Take(500)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<EndedCase>(ended.Count);
        foreach (var item in ended)
        {
            var fact = item.Fact;
            var key = fact.ProcessInstanceKey;
            var variables = await ReadVariablesAsync(db, key, cancellationToken).ConfigureAwait(false);
            var tasks = await db.UserTasks.AsNoTracking().Where(t => t.ProcessInstanceKey == key).ToListAsync(cancellationToken).ConfigureAwait(false);
            var recorded = await db.TaskFacts.Where(t => t.ProcessInstanceKey == key).Select(t => t.UserTaskKey).ToListAsync(cancellationToken).ConfigureAwait(false);
            if (await UndecidedAsync(db, tasks.Where(t => t.State == "COMPLETED" && t.DueDate != null && !recorded.Contains(t.Key)).Select(t => t.Key).ToList(), cancellationToken)
                    .ConfigureAwait(false) && _deferred.Add(key))
            {
                // A task finished after this pass's SLA sweep: the next pass ends the case with its SLA known (or without, if it still cannot be worked out).
                continue;
            }

            _deferred.Remove(key);
            var added = await AddTaskFactsAsync(db, tasks.Where(t => t.State is "COMPLETED" or "CANCELED" && !recorded.Contains(t.Key)).ToList(), cancellationToken)
                .ConfigureAwait(false);
            var facts = await db.TaskFacts.AsNoTracking().Where(t => t.ProcessInstanceKey == key).ToListAsync(cancellationToken).ConfigureAwait(false);
            facts.AddRange(added);

            var end = (item.EndDate ?? host.Clock.GetUtcNow()).ToUniversalTime();
            fact.State = item.State;
            fact.EndedAt = end;
            Describe(fact, variables);
            var resolved = (FeelInstants.Of(variables["resolvedAt"]) is { } told && told <= end && told >= fact.StartedAt ? told : end).ToUniversalTime();
            fact.ResolvedAt = resolved;
            fact.ResolvedDay = Day(resolved);
            fact.ResolutionMinutes = Math.Round((resolved - fact.StartedAt).TotalMinutes, 2);
            fact.FirstResponseMinutes = await FirstResponseAsync(db, fact, cancellationToken).ConfigureAwait(false) is { } responded
                ? Math.Round(Math.Max(0, (responded - fact.StartedAt).TotalMinutes), 2)
                : null;
            var completed = facts.Where(t => t.State == "COMPLETED").OrderBy(t => t.EndedAt).ThenBy(t => t.UserTaskKey).ToList();
            fact.TasksCompleted = completed.Count;
            fact.MaxTier = tasks.Select(t => TierOf(t.ProcessDefinitionKey, t.ElementId)).Max();
            fact.Resolver = completed.LastOrDefault()?.Assignee;
            fact.ResolverGroup = completed.LastOrDefault()?.CandidateGroup;
            fact.FirstContact = item.State == "COMPLETED" ? completed.Count <= 1 && (fact.MaxTier ?? 1) <= 1 : null;
            fact.Csat = variables.Score("csat", 1, 5);
            fact.Nps = variables.Score("nps", 0, 10);
            await MarkReopenedAsync(db, fact, cancellationToken).ConfigureAwait(false);
            result.Add(new EndedCase(fact, completed, variables));
        }

        return result;
    }

    private static async Task<bool> UndecidedAsync(OrchestratorDbContext db, List<long> tasks, CancellationToken cancellationToken) =>
        tasks.Count > 0 && await db.SlaEvents.Where(e => tasks.Contains(e.SubjectKey) && (e.Event == "MET" || e.Event == "BREACHED")).Select(e => e.SubjectKey)
            .Distinct().CountAsync(cancellationToken).ConfigureAwait(false) < tasks.Count;

    /// <summary>The day an instant falls on in the reports' zone, as days since 1970-01-01.</summary>
    public int Day(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime).DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    /// <summary>The reports' zone.</summary>
    public TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    /// <summary>The variables of a case's own scope.</summary>
    public static async Task<CaseVariables> ReadVariablesAsync(OrchestratorDbContext db, long processInstanceKey, CancellationToken cancellationToken)
    {
        var rows = await db.Variables.AsNoTracking().Where(v => v.ScopeKey == processInstanceKey).Select(v => new { v.Name, v.Value })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new CaseVariables(rows.Select(r => (r.Name, r.Value)));
    }

    private void Describe(CaseFactRow fact, CaseVariables variables)
    {
        string? Dimension(string name) => variables.Text(_dimensions.GetValueOrDefault(name));
        fact.CustomerId = Dimension("customer");
        fact.OrderId = Dimension("order");
        fact.Channel = Dimension("channel");
        fact.Language = Dimension("language");
        fact.Country = Dimension("country");
        fact.ReasonCode = Dimension("reason");
        fact.Sku = Dimension("sku");
        fact.Category = Dimension("category");
        fact.Carrier = Dimension("carrier");
        fact.Supplier = Dimension("supplier");
    }

    // The customer came back about the same order: a case started within the window after an earlier one was resolved
    // reopens that one (whichever of the two is recorded last makes the link).
    private async Task MarkReopenedAsync(OrchestratorDbContext db, CaseFactRow fact, CancellationToken cancellationToken)
    {
        if (fact.OrderId is not { } order)
        {
            return;
        }

        var window = TimeSpan.FromDays(options.Value.ReopenDays);
        if (fact.ResolvedAt is null)
        {
            var earlier = await db.CaseFacts
                .Where(f => f.OrderId == order && f.ProcessInstanceKey != fact.ProcessInstanceKey && f.ReopenedBy == null && f.State == "COMPLETED"
                    && f.ResolvedAt <= fact.StartedAt && f.ResolvedAt >= fact.StartedAt - window)
                .OrderByDescending(f => f.ResolvedAt).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            earlier?.ReopenedBy = fact.ProcessInstanceKey;
        }
        else if (fact.State == "COMPLETED" && fact.ReopenedBy is null)
        {
            var resolved = fact.ResolvedAt.Value;
            fact.ReopenedBy = await db.CaseFacts
                .Where(f => f.OrderId == order && f.ProcessInstanceKey != fact.ProcessInstanceKey && f.StartedAt >= resolved && f.StartedAt <= resolved + window)
                .OrderBy(f => f.StartedAt).Select(f => (long?)f.ProcessInstanceKey).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    // The first person who took a task of the case, or the first message the customer got, whichever came first.
    private async Task<DateTimeOffset?> FirstResponseAsync(OrchestratorDbContext db, CaseFactRow fact, CancellationToken cancellationToken)
    {
        var history = await HistoryBlocks.ReadAsync(db, [fact.ProcessInstanceKey], cancellationToken).ConfigureAwait(false);
        var human = history.Where(h => h.ValueType == RecordValueType.UserTask && h.Intent is RecordIntent.Assigned or RecordIntent.Completed)
            .Min(h => (DateTimeOffset?)h.Timestamp);
        var model = host.Engine.Store.Definitions.GetByKey(fact.ProcessDefinitionKey)?.Model;
        var messages = model is null ? [] : model.Elements.Values.Where(IsCustomerMessage).Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        var told = history.Where(h => h.ValueType == RecordValueType.Job && h.Intent == RecordIntent.Completed && h.ElementId is { } id && messages.Contains(id))
            .Min(h => (DateTimeOffset?)h.Timestamp);
        return human is null ? told : told is null ? human : human < told ? human : told;
    }

    private bool IsCustomerMessage(FlowNode node) =>
        node.JobType?.Text is { } type && options.Value.CustomerMessageJobTypes.Contains(type, StringComparer.Ordinal)
        && !string.Equals(node.Properties.GetValueOrDefault("quality.response"), "false", StringComparison.OrdinalIgnoreCase);

    private async Task<List<TaskFactRow>> AddTaskFactsAsync(OrchestratorDbContext db, List<UserTaskRow> tasks, CancellationToken cancellationToken)
    {
        if (tasks.Count == 0)
        {
            return [];
        }

        var keys = tasks.Select(t => t.Key).ToList();
        var taskKeys = keys.ToHashSet();
        var claims = (await HistoryBlocks.ReadAsync(db, [.. tasks.Select(t => t.ProcessInstanceKey).Distinct()], cancellationToken).ConfigureAwait(false))
            .Where(h => taskKeys.Contains(h.Key) && h.ValueType == RecordValueType.UserTask && h.Intent == RecordIntent.Assigned)
            .GroupBy(h => h.Key).ToDictionary(g => g.Key, g => g.Min(h => h.Timestamp));
        var slas = await db.SlaEvents.AsNoTracking()
            .Where(e => keys.Contains(e.SubjectKey) && (e.Event == "MET" || e.Event == "BREACHED"))
            .Select(e => new { e.SubjectKey, e.Event })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var sla = slas.GroupBy(e => e.SubjectKey).ToDictionary(g => g.Key, g => g.Any(e => e.Event == "BREACHED") ? "BREACHED" : "MET");
        var facts = tasks.Select(t =>
        {
            var ended = (t.CompletionDate ?? host.Clock.GetUtcNow()).ToUniversalTime();
            DateTimeOffset? claimed = claims.TryGetValue(t.Key, out var at) ? at.ToUniversalTime() : null;
            var from = claimed is { } c && c <= ended ? c : t.CreationDate;
            var calendar = slaClock.CalendarOfTask(t.ProcessDefinitionKey, t.ElementId);
            return new TaskFactRow
            {
                UserTaskKey = t.Key,
                ProcessInstanceKey = t.ProcessInstanceKey,
                ProcessDefinitionKey = t.ProcessDefinitionKey,
                BpmnProcessId = t.BpmnProcessId,
                ElementId = t.ElementId,
                Name = t.Name,
                Tier = TierOf(t.ProcessDefinitionKey, t.ElementId),
                State = t.State,
                Assignee = t.Assignee,
                CandidateGroup = t.CandidateGroups.Split('|', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(),
                CreatedAt = t.CreationDate.ToUniversalTime(),
                ClaimedAt = claimed,
                EndedAt = ended,
                Sla = sla.GetValueOrDefault(t.Key),
                HandlingMinutes = t.State == "COMPLETED" ? Math.Round((calendar?.Between(from, ended) ?? ended - from).TotalMinutes, 2) : null,
            };
        }).ToList();
        db.TaskFacts.AddRange(facts);
        return facts;
    }

    /// <summary>The <c>tier</c> property of a user task in its deployed model, if it has one.</summary>
    public int? TierOf(long processDefinitionKey, string elementId) =>
        host.Engine.Store.Definitions.GetByKey(processDefinitionKey)?.Model.Elements.GetValueOrDefault(elementId)?.Properties.GetValueOrDefault("tier") is { } tier
        && int.TryParse(tier, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;
}

/// <summary>A case whose facts were just completed: its completed tasks (oldest first) and variables, for sampling.</summary>
public sealed record EndedCase(CaseFactRow Fact, IReadOnlyList<TaskFactRow> CompletedTasks, CaseVariables Variables);
