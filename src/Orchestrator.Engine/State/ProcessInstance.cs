namespace Orchestrator.Engine.State;

/// <summary>
/// A running (or finished) process instance: its definition and its active element instances.
/// Loading it reads only active state; what happened before is in the history.
/// </summary>
public sealed class ProcessInstance
{
    private readonly Dictionary<long, ElementInstance> _elements = [];
    private List<Compensable>? _compensable;
    private ProcessDefinition _definition = null!;

    /// <summary>The key (also the key of the process element instance).</summary>
    public required long Key { get; init; }

    /// <summary>The definition it runs (the target's, once it was migrated).</summary>
    public required ProcessDefinition Definition { get => _definition; init => _definition = value; }

    /// <summary>Active, completed or terminated.</summary>
    public LifecycleState State { get; set; }

    /// <summary>When it started.</summary>
    public required DateTimeOffset StartDate { get; init; }

    /// <summary>When it ended, once it did.</summary>
    public DateTimeOffset? EndDate { get; set; }

    /// <summary>For an instance started by a call activity: the calling instance.</summary>
    public long? ParentInstanceKey { get; init; }

    /// <summary>For an instance started by a call activity: the call activity's element instance.</summary>
    public long? ParentElementInstanceKey { get; init; }

    /// <summary>For an instance started by a message start event: the message's correlation key (one active instance per key).</summary>
    public string? MessageCorrelationKey { get; init; }

    /// <summary>The process element instance (root scope), kept after the end for its variables.</summary>
    public ElementInstance? Root { get; set; }

    /// <summary>The active element instances by key.</summary>
    public IReadOnlyDictionary<long, ElementInstance> Elements => _elements;

    /// <summary>True while an incident is open on any of its elements or jobs.</summary>
    public bool HasIncident => _elements.Values.Any(e => e.IncidentKey is not null);

    /// <summary>Increases with every command applied; stores use it for optimistic concurrency.</summary>
    public long Revision { get; set; }

    /// <summary>
    /// Completed activities that compensation could still undo: those with a compensation handler, and completed subprocesses
    /// with such activities (or a compensation event subprocess) inside. Kept until compensated or until their scope ends.
    /// </summary>
    public IReadOnlyList<Compensable> Compensable => (IReadOnlyList<Compensable>?)_compensable ?? [];

    internal void MigrateTo(ProcessDefinition definition) => _definition = definition;

    internal void Add(ElementInstance element) => _elements.Add(element.Key, element);

    internal void AddCompensable(Compensable completed) => (_compensable ??= []).Add(completed);

    internal void RemoveCompensable(Predicate<Compensable> match) => _compensable?.RemoveAll(match);

    internal void MoveCompensable(long fromScopeKey, long toScopeKey)
    {
        for (var i = 0; i < (_compensable?.Count ?? 0); i++)
        {
            if (_compensable![i].ScopeKey == fromScopeKey)
            {
                _compensable[i] = _compensable[i] with { ScopeKey = toScopeKey };
            }
        }
    }

    internal void Remove(ElementInstance element) => _elements.Remove(element.Key);
}
