using Orchestrator.Engine.Model;
using Orchestrator.Engine.State;
using Orchestrator.Feel;
using Orchestrator.Persistence.Rows;

namespace Orchestrator.Persistence.Store;

/// <summary>
/// One start-up's reading of the stored state (<see cref="DurableEngineStore.Load"/>): definitions first, then every active
/// instance with its jobs, tasks, incidents and timers. Whatever cannot be read is set aside with why, never thrown: a
/// definition on its own; an instance — with its call tree, whose parts wait on each other — together with everything of it.
/// </summary>
internal sealed class StateLoading(OrchestratorDbContext context, FeelEngine feel, DefinitionCache definitions, Dictionary<long, string> unreadable)
{
    private readonly Dictionary<long, string> _quarantined = [];
    private readonly Dictionary<long, long?> _parents = [];

    public List<(ProcessInstance Instance, long Revision)> Instances { get; } = [];

    public List<Job> Jobs { get; } = [];

    public List<UserTask> Tasks { get; } = [];

    public List<Incident> Incidents { get; } = [];

    public List<Subscription> Subscriptions { get; } = [];

    public List<Message> Messages { get; } = [];

    /// <summary>Variables an older version kept only in an instance's snapshot, to be written as rows.</summary>
    public List<VariableRow> LegacyVariables { get; } = [];

    public List<LoadProblem> Problems { get; } = [];

    /// <summary>The instances left out, with why.</summary>
    public IReadOnlyDictionary<long, string> Quarantined => _quarantined;

    /// <summary>The variables of the element instances that are active (those of ended scopes stay in their rows for history).</summary>
    public static IQueryable<VariableRow> ActiveVariables(OrchestratorDbContext context) =>
        from v in context.Variables
        join e in context.ElementInstances on v.ScopeKey equals e.Key
        where e.State == "ACTIVE"
        select v;

    /// <summary>A loaded definition by key; one that could not be loaded says why.</summary>
    public static ProcessDefinition Definition(DefinitionCache definitions, IReadOnlyDictionary<long, string> unreadable, long key) =>
        definitions.GetByKey(key) ?? throw new InvalidDataException(unreadable.TryGetValue(key, out var why)
            ? $"its process definition {key} could not be read: {why}"
            : $"no stored process definition with key {key}");

    public void Run(DateTimeOffset now)
    {
        foreach (var retired in context.RetiredVersions)
        {
            definitions.Retire(retired);
        }

        ReadDefinitions(context.ProcessDefinitions.OrderBy(d => d.Key).ToList());
        foreach (var row in context.Forms.OrderBy(f => f.Key))
        {
            definitions.Load(RowMapper.FromRow(row));
        }

        ReadDecisions(null);

        ReadInstances();
        Jobs.AddRange(ReadAll(context.Jobs.Where(j => j.State != nameof(JobState.Completed) && j.State != nameof(JobState.Canceled)),
            j => j.ProcessInstanceKey, j => RowMapper.FromRow(j, Definition(j.ProcessDefinitionKey))));
        Tasks.AddRange(ReadAll(context.UserTasks.Where(UserTaskRow.Live), t => t.ProcessInstanceKey, t => RowMapper.FromRow(t, Definition(t.ProcessDefinitionKey))));
        Incidents.AddRange(ReadAll(context.Incidents.Where(i => i.State == "ACTIVE" && i.Type != DurableEngineStore.QuarantineIncidentType), i => i.ProcessInstanceKey,
            i => RowMapper.FromRow(i, Definition(i.ProcessDefinitionKey))));
        ReadSubscriptions();
        foreach (var row in context.Messages.Where(m => m.ExpiresAt > now))
        {
            try
            {
                Messages.Add(RowMapper.FromRow(row));
            }
            catch (Exception exception) when (IsUnreadable(exception))
            {
                Problems.Add(new LoadProblem("message", row.Key, exception.Message));
            }
        }

        QuarantineCallTrees();
        Instances.RemoveAll(i => _quarantined.ContainsKey(i.Instance.Key));
        Jobs.RemoveAll(j => _quarantined.ContainsKey(j.ProcessInstanceKey));
        Tasks.RemoveAll(t => _quarantined.ContainsKey(t.ProcessInstanceKey));
        Incidents.RemoveAll(i => _quarantined.ContainsKey(i.ProcessInstanceKey));
        Subscriptions.RemoveAll(s => s.ProcessInstanceKey is { } key && _quarantined.ContainsKey(key));
        LegacyVariables.RemoveAll(v => _quarantined.ContainsKey(v.ProcessInstanceKey));
        Problems.AddRange(_quarantined.Select(q => new LoadProblem("process instance", q.Key, q.Value)));
    }

    /// <summary>Parses stored definitions into the cache; one that does not parse is marked unreadable (with why) and left out.</summary>
    public void ReadDefinitions(List<ProcessDefinitionRow> rows)
    {
        // Parsing is most of start-up with many large definitions, and each row parses on its own: on every core.
        var parsed = rows.AsParallel().AsOrdered().Select(row =>
        {
            try
            {
                var result = BpmnParser.Parse(row.Xml, row.ResourceName, feel, stored: true);
                return (Row: row, Model: result.Processes.FirstOrDefault(p => p.BpmnProcessId == row.BpmnProcessId),
                    Problem: $"it no longer parses: {string.Join("; ", result.Problems)}");
            }
            catch (Exception exception) when (IsUnreadable(exception))
            {
                return (Row: row, Model: null, Problem: $"parsing it failed: {exception.Message}");
            }
        }).ToList();
        foreach (var (row, model, problem) in parsed)
        {
            if (model is null)
            {
                unreadable[row.Key] = problem;
                definitions.MarkUnreadable(row.BpmnProcessId, row.Version);
                Problems.Add(new LoadProblem("process definition", row.Key, $"stored process '{row.BpmnProcessId}' version {row.Version}: {problem}"));
                continue;
            }

            definitions.Load(new ProcessDefinition
            {
                Key = row.Key, BpmnProcessId = row.BpmnProcessId, Version = row.Version, ResourceName = row.ResourceName,
                Xml = row.Xml, DeploymentKey = row.DeploymentKey, Model = model, Checksum = row.Checksum,
            });
        }
    }

    /// <summary>Reads the stored DMN model versions (all, or those of <paramref name="keys"/>); one that no longer parses is left out with why, its versions still counted.</summary>
    /// <returns>The keys of the models found stored.</returns>
    public HashSet<long> ReadDecisions(IReadOnlyCollection<long>? keys)
    {
        var rows = (keys is null ? context.DecisionRequirements : context.DecisionRequirements.Where(r => keys.Contains(r.Key))).OrderBy(r => r.Key).ToList();
        var requirementKeys = rows.Select(r => r.Key).ToList();
        var decisions = context.DecisionDefinitions.Where(d => requirementKeys.Contains(d.DecisionRequirementsKey)).ToList().ToLookup(d => d.DecisionRequirementsKey);
        var dmn = new Dmn.DmnEngine(feel);
        foreach (var row in rows)
        {
            try
            {
                definitions.Load(RowMapper.FromRows(row, decisions[row.Key], dmn));
            }
            catch (Exception exception) when (exception is Dmn.DmnValidationException || IsUnreadable(exception))
            {
                definitions.MarkUnreadable(row, decisions[row.Key]);
                Problems.Add(new LoadProblem("decision requirements", row.Key, $"stored DMN model '{row.DecisionRequirementsId}' version {row.Version}: {exception.Message}"));
            }
        }

        return [.. requirementKeys];
    }

    private void ReadInstances()
    {
        var variables = (from v in ActiveVariables(context)
                         join i in context.ProcessInstances on v.ProcessInstanceKey equals i.Key
                         where i.State == "ACTIVE"
                         select v).AsEnumerable().ToLookup(v => v.ProcessInstanceKey);
        foreach (var row in context.ProcessInstances.Where(i => i.State == "ACTIVE"))
        {
            _parents[row.Key] = row.ParentInstanceKey;
            if (Read(row.Key, () => RowMapper.FromRow(row, Definition(row.ProcessDefinitionKey), variables[row.Key], LegacyVariables)) is { } instance)
            {
                Instances.Add((instance, row.Revision));
            }
        }
    }

    private void ReadSubscriptions()
    {
        foreach (var row in context.Subscriptions)
        {
            try
            {
                Subscriptions.Add(RowMapper.FromRow(row, Definition(row.ProcessDefinitionKey)));
            }
            catch (Exception exception) when (IsUnreadable(exception))
            {
                // A start event's subscription belongs to no instance: one that cannot be read is left out on its own.
                if (row.ProcessInstanceKey is { } instanceKey)
                {
                    _quarantined.TryAdd(instanceKey, exception.Message);
                }
                else
                {
                    Problems.Add(new LoadProblem("subscription", row.Key, exception.Message));
                }
            }
        }
    }

    /// <summary>A called instance and its caller wait on each other: one left out takes the others of its call tree with it.</summary>
    private void QuarantineCallTrees()
    {
        var grown = true;
        while (grown)
        {
            grown = false;
            foreach (var (key, parent) in _parents)
            {
                if (parent is { } caller && _quarantined.ContainsKey(key) != _quarantined.ContainsKey(caller))
                {
                    var (left, other) = _quarantined.ContainsKey(key) ? (caller, key) : (key, caller);
                    grown |= _quarantined.TryAdd(left, $"it is in the call tree of instance {other}, which could not be read");
                }
            }
        }
    }

    private ProcessDefinition Definition(long key) => Definition(definitions, unreadable, key);

    private T? Read<T>(long instanceKey, Func<T> read)
        where T : class
    {
        try
        {
            return read();
        }
        catch (Exception exception) when (IsUnreadable(exception))
        {
            _quarantined.TryAdd(instanceKey, exception.Message);
            return null;
        }
    }

    private List<T> ReadAll<TRow, T>(IQueryable<TRow> rows, Func<TRow, long> instanceKey, Func<TRow, T> read)
        where T : class
    {
        var items = new List<T>();
        foreach (var row in rows)
        {
            if (Read(instanceKey(row), () => read(row)) is { } item)
            {
                items.Add(item);
            }
        }

        return items;
    }

    /// <summary>Whatever reading stored state can throw, bar running out of memory: bad JSON, a missing element, a definition that does not parse.</summary>
    private static bool IsUnreadable(Exception exception) => exception is not (OutOfMemoryException or OperationCanceledException);
}
