using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestrator.Persistence;
using Orchestrator.Persistence.Rows;
using Orchestrator.Server.Hosting;
using Orchestrator.Server.Telemetry;

namespace Orchestrator.Server.Sla;

/// <summary>
/// Records SLA events. A user task's SLA is its due date (<c>zeebe:taskSchedule</c>, often counted in working
/// hours with <c>add working time</c>); a process instance's SLA is its process variable <c>slaDueDate</c>.
/// WARNING once the configured share of the time is used (working time when the due date was counted in a
/// business calendar, see <see cref="SlaClock"/>), BREACHED at the due date while still open (or on
/// completion after it), MET on completion in time. An instance whose promise is kept before it ends (a case resolved that
/// still waits for a survey) says when in its variable <c>slaMetAt</c>; that time, not the end, then counts. Each event is recorded once per task or instance. A task or instance
/// whose SLA cannot be worked out (its calendar finds no working time, ...) is logged once and skipped; the others go on.
/// </summary>
public sealed partial class SlaMonitor(
    OrchestratorDatabase database, ControllableClock clock, SlaClock slaClock, IOptions<SlaOptions> options, OrchestratorMetrics metrics, ILogger<SlaMonitor> logger)
    : SweepService(clock, logger)
{
    /// <summary>The process variable that carries an instance's SLA due date.</summary>
    public const string InstanceDueVariable = "slaDueDate";

    /// <summary>The process variable that says when an instance kept its SLA, if before it ended.</summary>
    public const string InstanceMetVariable = "slaMetAt";

    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.Value.SweepSeconds);

    protected override string Name => "the SLA sweep";

    // The subjects reported as failing: each sweep skips them again, but the log says so once (until one works again).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, byte> _failing = new();

    /// <summary>Records every SLA event that became due; returns how many.</summary>
    public override async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        // Every node sweeps; one at a time, each seeing what the one before recorded, so each event is recorded once.
        await using var turn = await Persistence.Cluster.ClusterLock.TakeAsync(database, Persistence.Cluster.ClusterLock.SlaSweep, cancellationToken)
            .ConfigureAwait(false);
        var now = Clock.GetUtcNow();
        await using var context = database.CreateContext();
        var events = new List<SlaEventRow>();
        var tasks = await context.UserTasks.AsNoTracking()
            .Where(t => t.DueDate != null
                && (t.State != "CANCELED" || t.CompletionDate >= t.DueDate)
                && !context.SlaEvents.Any(e => e.SubjectKey == t.Key && (e.Event == "MET" || e.Event == "BREACHED")))
            .Select(t => new { t.Key, t.ProcessInstanceKey, t.ProcessDefinitionKey, t.BpmnProcessId, t.ElementId, t.State, t.CreationDate, t.CompletionDate, DueDate = t.DueDate!.Value })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var warned = await WarnedAsync(context, tasks.Select(t => t.Key), cancellationToken).ConfigureAwait(false);
        foreach (var task in tasks)
        {
            Isolated("USER_TASK", task.Key, task.ProcessInstanceKey, () =>
            {
                var warnAt = slaClock.WarnAt(task.CreationDate, task.DueDate, slaClock.CalendarOfTask(task.ProcessDefinitionKey, task.ElementId));
                Check(events, warned, "USER_TASK", task.Key, task.ProcessInstanceKey, task.BpmnProcessId, task.ElementId,
                    warnAt, task.DueDate, task.State is not ("COMPLETED" or "CANCELED") ? null : task.CompletionDate ?? now, task.State == "CANCELED", now);
            });
        }

        var instances = await (
            from v in context.Variables.AsNoTracking()
            join i in context.ProcessInstances.AsNoTracking() on v.ScopeKey equals i.Key
            where v.Name == InstanceDueVariable && (i.State != "TERMINATED" || i.EndDate == null) && !context.SlaEvents.Any(e => e.SubjectKey == i.Key && (e.Event == "MET" || e.Event == "BREACHED"))
            select new
            {
                i.Key, i.BpmnProcessId, i.State, i.StartDate, i.EndDate, v.Value,
                Met = context.Variables.Where(m => m.ScopeKey == i.Key && m.Name == InstanceMetVariable).Select(m => m.Value).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var instancesWarned = await WarnedAsync(context, instances.Select(i => i.Key), cancellationToken).ConfigureAwait(false);
        foreach (var instance in instances)
        {
            Isolated("PROCESS_INSTANCE", instance.Key, instance.Key, () =>
            {
                if (ParseDue(instance.Value) is { } due)
                {
                    var met = instance.Met is null ? null : ParseDue(instance.Met);
                    Check(events, instancesWarned, "PROCESS_INSTANCE", instance.Key, instance.Key, instance.BpmnProcessId, null,
                        slaClock.WarnAt(instance.StartDate, due, null), due, met ?? (instance.State == "ACTIVE" ? null : instance.EndDate ?? now),
                        met is null && instance.State == "TERMINATED", now);
                }
            });
        }

        if (events.Count > 0)
        {
            context.SlaEvents.AddRange(events);
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            foreach (var recorded in events)
            {
                metrics.SlaEvent(recorded.Event, recorded.SubjectType, recorded.BpmnProcessId);
            }
        }

        return events.Count;
    }

    /// <summary>Works out one subject's events; a failure skips this subject only (and is logged the first time in a row).</summary>
    private void Isolated(string type, long key, long processInstanceKey, Action check)
    {
        try
        {
            check();
            _failing.TryRemove(key, out _);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            if (_failing.TryAdd(key, 0))
            {
                LogSubjectFailed(exception, type, key, processInstanceKey);
            }
        }
    }

    private static async Task<HashSet<long>> WarnedAsync(OrchestratorDbContext context, IEnumerable<long> keys, CancellationToken cancellationToken)
    {
        // A thousand keys a query: a statement takes only so many parameters (SQLite refused 32,000 open tasks' keys).
        var warned = new HashSet<long>();
        foreach (var chunk in keys.Chunk(1000))
        {
            warned.UnionWith(await context.SlaEvents.Where(e => e.Event == "WARNING" && chunk.Contains(e.SubjectKey)).Select(e => e.SubjectKey)
                .ToListAsync(cancellationToken).ConfigureAwait(false));
        }

        return warned;
    }

    private static void Check(
        List<SlaEventRow> events, HashSet<long> warned, string type, long key, long instance, string process, string? element,
        DateTimeOffset warnAt, DateTimeOffset due, DateTimeOffset? ended, bool canceled, DateTimeOffset now)
    {
        // Stored in UTC: a calendar's zone (Asia/Shanghai) gives its offset to warnings and due dates, and PostgreSQL's timestamptz takes only UTC.
        SlaEventRow Event(string name, DateTimeOffset at) => new()
        {
            SubjectType = type, SubjectKey = key, ProcessInstanceKey = instance, BpmnProcessId = process, ElementId = element, Event = name,
            DueDate = due.ToUniversalTime(), At = at.ToUniversalTime(),
        };

        var until = ended ?? now;
        if (!warned.Contains(key) && until >= warnAt && warnAt < due)
        {
            events.Add(Event("WARNING", warnAt));
        }

        if (until >= due)
        {
            events.Add(Event("BREACHED", due));
        }
        else if (ended is { } end && !canceled)
        {
            events.Add(Event("MET", end));
        }
    }

    private static DateTimeOffset? ParseDue(string json) => FeelInstants.OfJson(json);

    [LoggerMessage(Level = LogLevel.Error, Message = "the SLA of {SubjectType} {SubjectKey} (process instance {ProcessInstanceKey}) cannot be worked out; the sweep skips it until that changes")]
    private partial void LogSubjectFailed(Exception exception, string subjectType, long subjectKey, long processInstanceKey);
}
