using Orchestrator.Engine.Model;
using Orchestrator.Engine.Ports;
using Orchestrator.Engine.State;

namespace Orchestrator.Engine.InMemory;

/// <summary>
/// The engine's state in memory, for tests, the CLI and embedders. Indexes keep each lookup
/// proportional to what is open, not to what ever happened. Not durable: <see cref="Commit"/> has
/// nothing to write, and <see cref="Rollback"/> cannot undo (the engine turns expected failures into
/// incidents before they reach the store, so a rollback here means an engine bug).
/// </summary>
public sealed class InMemoryEngineStore : IEngineStore
{
    private readonly Dictionary<long, ProcessInstance> _instances = [];
    private readonly Dictionary<(string ProcessId, string Key), ProcessInstance> _messageStarted = [];
    private readonly Dictionary<long, Job> _jobs = [];
    private readonly Dictionary<string, SortedDictionary<long, Job>> _openJobsByType = new(StringComparer.Ordinal);
    private readonly Dictionary<long, UserTask> _userTasks = [];
    private readonly Dictionary<long, Subscription> _subscriptions = [];
    private readonly Dictionary<(string Name, string Key), List<Subscription>> _messageSubscriptions = [];
    private readonly Dictionary<string, List<Subscription>> _messageStarts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Subscription>> _signals = new(StringComparer.Ordinal);
    private readonly SortedSet<(DateTimeOffset Due, long Key)> _timers = [];
    private readonly Dictionary<(string Name, string Key), List<Message>> _messages = [];
    private readonly Dictionary<string, Message> _messagesById = new(StringComparer.Ordinal);
    private readonly Dictionary<long, Message> _messagesByKey = [];
    private readonly SortedSet<(DateTimeOffset ExpiresAt, long Key)> _messageExpiries = [];
    private readonly Dictionary<long, Incident> _incidents = [];
    private readonly Dictionary<long, List<HistoryRecord>> _history = [];
    private readonly List<DecisionEvaluation> _evaluations = [];
    private long _nextKey = 2251799813685248;
    private long _nextPosition;

    /// <inheritdoc />
    public IDefinitionStore Definitions { get; } = new InMemoryDefinitionStore();

    /// <inheritdoc />
    public IEnumerable<ProcessInstance> Instances => _instances.Values;

    /// <inheritdoc />
    public int CountInstances(long processDefinitionKey) => _instances.Values.Count(i => i.Definition.Key == processDefinitionKey);

    /// <inheritdoc />
    public IEnumerable<Job> Jobs => _jobs.Values;

    /// <inheritdoc />
    public IEnumerable<UserTask> UserTasks => _userTasks.Values;

    /// <inheritdoc />
    public IEnumerable<Subscription> Subscriptions => _subscriptions.Values;

    /// <inheritdoc />
    public IEnumerable<Incident> Incidents => _incidents.Values;

    /// <inheritdoc />
    public long NextKey() => ++_nextKey;

    /// <inheritdoc />
    public long NextPosition(long processInstanceKey) => ++_nextPosition;

    /// <inheritdoc />
    public ProcessInstance? GetInstance(long key) => _instances.GetValueOrDefault(key);

    /// <inheritdoc />
    public ProcessInstance? ReadInstance(long key) => _instances.GetValueOrDefault(key);

    /// <inheritdoc />
    public void AddInstance(ProcessInstance instance)
    {
        _instances.Add(instance.Key, instance);
        if (instance.MessageCorrelationKey is { Length: > 0 } key)
        {
            _messageStarted[(instance.Definition.BpmnProcessId, key)] = instance;
        }
    }

    /// <inheritdoc />
    public ProcessInstance? FindInstanceOfElement(long elementInstanceKey) =>
        _instances.Values.FirstOrDefault(i => i.State == LifecycleState.Active && i.Elements.ContainsKey(elementInstanceKey));

    /// <summary>Drops an instance from memory (a durable store keeps only active state here).</summary>
    public void Forget(ProcessInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        _instances.Remove(instance.Key);
        if (instance.MessageCorrelationKey is { Length: > 0 } key
            && _messageStarted.TryGetValue((instance.Definition.BpmnProcessId, key), out var started) && started == instance)
        {
            _messageStarted.Remove((instance.Definition.BpmnProcessId, key));
        }
    }

    /// <summary>Drops a job from memory.</summary>
    public void Forget(Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        _jobs.Remove(job.Key);
        _openJobsByType.GetValueOrDefault(job.Type)?.Remove(job.Key);
    }

    /// <summary>Drops a user task from memory.</summary>
    public void Forget(UserTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        _userTasks.Remove(task.Key);
    }

    /// <summary>Drops an incident from memory.</summary>
    public void Forget(Incident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        _incidents.Remove(incident.Key);
    }

    /// <summary>Drops a buffered message from memory.</summary>
    public void Forget(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        _messages.GetValueOrDefault((message.Name, message.CorrelationKey))?.Remove(message);
        if (message.MessageId is not null && _messagesById.GetValueOrDefault(message.MessageId) == message)
        {
            _messagesById.Remove(message.MessageId);
        }

        if (_messagesByKey.GetValueOrDefault(message.Key) == message)
        {
            _messagesByKey.Remove(message.Key);
            _messageExpiries.Remove((message.ExpiresAt, message.Key));
        }
    }

    /// <inheritdoc />
    public bool HasActiveMessageStartedInstance(string bpmnProcessId, string correlationKey) =>
        _messageStarted.TryGetValue((bpmnProcessId, correlationKey), out var instance) && instance.State == LifecycleState.Active;

    /// <inheritdoc />
    public Job? GetJob(long key) => _jobs.GetValueOrDefault(key);

    /// <inheritdoc />
    public void AddJob(Job job)
    {
        _jobs.Add(job.Key, job);
        if (!_openJobsByType.TryGetValue(job.Type, out var open))
        {
            _openJobsByType[job.Type] = open = [];
        }

        open[job.Key] = job;
    }

    /// <inheritdoc />
    public IEnumerable<Job> ActivatableJobs(string type, DateTimeOffset now) =>
        _openJobsByType.TryGetValue(type, out var open) ? Activatable(open, now) : [];

    /// <summary>Yields lazily, so a caller taking a few jobs does not walk the whole backlog; finished jobs met on the way leave the index.</summary>
    private static IEnumerable<Job> Activatable(SortedDictionary<long, Job> open, DateTimeOffset now)
    {
        List<long>? closed = null;
        try
        {
            foreach (var (key, job) in open)
            {
                if (job.State is JobState.Completed or JobState.Canceled or JobState.ErrorThrown)
                {
                    (closed ??= []).Add(key);
                }
                else if (job.IsActivatable(now))
                {
                    yield return job;
                }
            }
        }
        finally
        {
            closed?.ForEach(key => open.Remove(key));
        }
    }

    /// <inheritdoc />
    public UserTask? GetUserTask(long key) => _userTasks.GetValueOrDefault(key);

    /// <inheritdoc />
    public void AddUserTask(UserTask task) => _userTasks.Add(task.Key, task);

    /// <inheritdoc />
    public Subscription? GetSubscription(long key) => _subscriptions.GetValueOrDefault(key);

    /// <inheritdoc />
    public void AddSubscription(Subscription subscription)
    {
        _subscriptions[subscription.Key] = subscription;
        switch (subscription.Kind)
        {
            case EventKind.Timer:
                _timers.Add((subscription.DueDate, subscription.Key));
                break;
            case EventKind.Message when subscription.ProcessInstanceKey is null:
                Index(_messageStarts, subscription.Name!, subscription);
                break;
            case EventKind.Message:
                Index(_messageSubscriptions, (subscription.Name!, subscription.CorrelationKey!), subscription);
                break;
            case EventKind.Signal:
                Index(_signals, subscription.Name!, subscription);
                break;
        }
    }

    /// <inheritdoc />
    public void RemoveSubscription(Subscription subscription)
    {
        _subscriptions.Remove(subscription.Key);
        switch (subscription.Kind)
        {
            case EventKind.Timer:
                _timers.Remove((subscription.DueDate, subscription.Key));
                break;
            case EventKind.Message when subscription.ProcessInstanceKey is null:
                _messageStarts.GetValueOrDefault(subscription.Name!)?.Remove(subscription);
                break;
            case EventKind.Message:
                _messageSubscriptions.GetValueOrDefault((subscription.Name!, subscription.CorrelationKey!))?.Remove(subscription);
                break;
            case EventKind.Signal:
                _signals.GetValueOrDefault(subscription.Name!)?.Remove(subscription);
                break;
        }
    }

    /// <inheritdoc />
    public IEnumerable<Subscription> MessageSubscriptions(string name, string correlationKey) =>
        _messageSubscriptions.TryGetValue((name, correlationKey), out var list) ? list.ToList() : [];

    /// <inheritdoc />
    public IEnumerable<Subscription> MessageStartSubscriptions(string name) =>
        _messageStarts.TryGetValue(name, out var list) ? list.ToList() : [];

    /// <inheritdoc />
    public IEnumerable<Subscription> SignalSubscriptions(string name) =>
        _signals.TryGetValue(name, out var list) ? list.ToList() : [];

    /// <inheritdoc />
    public IEnumerable<Subscription> DueTimers(DateTimeOffset now) =>
        _timers.TakeWhile(t => t.Due <= now).Select(t => _subscriptions[t.Key]).ToList();

    /// <inheritdoc />
    public Message? FindMessageById(string messageId, DateTimeOffset now) =>
        _messagesById.TryGetValue(messageId, out var message) && message.ExpiresAt > now ? message : null;

    /// <inheritdoc />
    public void AddMessage(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!message.IsIdOnly)
        {
            Index(_messages, (message.Name, message.CorrelationKey), message);
        }

        // A message and the record that keeps its id longer share the id: the one kept longer answers for it.
        if (message.MessageId is not null && (_messagesById.GetValueOrDefault(message.MessageId) is not { } known || known.ExpiresAt <= message.ExpiresAt))
        {
            _messagesById[message.MessageId] = message;
        }

        _messagesByKey[message.Key] = message;
        _messageExpiries.Add((message.ExpiresAt, message.Key));
    }

    /// <summary>A buffered message (or a record keeping a message id) by its key, expired or not.</summary>
    public Message? GetMessage(long key) => _messagesByKey.GetValueOrDefault(key);

    /// <summary>The keys of the subscriptions and buffered messages (expired or not) of a message name and correlation key.</summary>
    public IEnumerable<long> MessageKeys(string name, string correlationKey) =>
        (_messageSubscriptions.GetValueOrDefault((name, correlationKey)) ?? []).Select(s => s.Key)
            .Concat((_messages.GetValueOrDefault((name, correlationKey)) ?? []).Select(m => m.Key));

    /// <summary>Whether a buffered message (or a record keeping its id) with the id is known, expired or not.</summary>
    public bool KnowsMessageId(string messageId) => _messagesById.ContainsKey(messageId);

    /// <summary>The active instance of a process a message with the correlation key started, if any.</summary>
    public long? MessageStartedInstance(string bpmnProcessId, string correlationKey) =>
        _messageStarted.TryGetValue((bpmnProcessId, correlationKey), out var instance) && instance.State == LifecycleState.Active ? instance.Key : null;

    /// <summary>A buffered message by its name, correlation key and key, expired or not.</summary>
    public Message? GetMessage(string name, string correlationKey, long key) =>
        _messages.GetValueOrDefault((name, correlationKey))?.Find(m => m.Key == key);

    /// <inheritdoc />
    public IEnumerable<Message> BufferedMessages(string name, string correlationKey, DateTimeOffset now)
    {
        if (!_messages.TryGetValue((name, correlationKey), out var list))
        {
            return [];
        }

        list.RemoveAll(m => m.ExpiresAt <= now);
        return list.ToList();
    }

    /// <inheritdoc />
    public IEnumerable<Message> ExpiredMessages(DateTimeOffset now) =>
        _messageExpiries.TakeWhile(m => m.ExpiresAt <= now).Select(m => _messagesByKey[m.Key]).ToList();

    /// <inheritdoc />
    public void RemoveMessage(Message message) => Forget(message);

    /// <inheritdoc />
    public Incident? GetIncident(long key) => _incidents.GetValueOrDefault(key);

    /// <inheritdoc />
    public void AddIncident(Incident incident) => _incidents.Add(incident.Key, incident);

    /// <summary>Every decision evaluation recorded, oldest first.</summary>
    public IReadOnlyList<DecisionEvaluation> DecisionEvaluations => _evaluations;

    /// <inheritdoc />
    public void AddDecisionEvaluation(DecisionEvaluation evaluation) => _evaluations.Add(evaluation);

    /// <inheritdoc />
    public void Append(HistoryRecord record)
    {
        if (!_history.TryGetValue(record.ProcessInstanceKey, out var list))
        {
            _history[record.ProcessInstanceKey] = list = [];
        }

        list.Add(record);
    }

    /// <inheritdoc />
    public IEnumerable<HistoryRecord> History(long processInstanceKey) =>
        _history.TryGetValue(processInstanceKey, out var list) ? list : [];

    /// <inheritdoc />
    public void Commit()
    {
    }

    /// <inheritdoc />
    public void Rollback()
    {
    }

    private static void Index<TKey, TValue>(Dictionary<TKey, List<TValue>> index, TKey key, TValue value)
        where TKey : notnull
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        list.Add(value);
    }
}
