using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Engine.InMemory;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.Ports;
using Orchestrator.Engine.State;
using Orchestrator.Feel;
using Orchestrator.Persistence.Cluster;
using Orchestrator.Persistence.Rows;

namespace Orchestrator.Persistence.Store;

/// <summary>
/// The engine's state, durable. Active state lives in memory (loaded at start-up), so a command reads
/// nothing from the database; at commit the rows of everything the command touched are copied and
/// queued for <see cref="JournalWriter"/>, which writes many commands in one transaction. Callers
/// answer their clients only after <see cref="WhenDurable(long)"/>. A failed command is rolled back by
/// reloading what it touched from the database. Finished instances, jobs, tasks and incidents leave
/// memory at commit; queries read them from the database.
/// </summary>
public sealed class DurableEngineStore : IEngineStore, IAsyncDisposable
{
    /// <summary>
    /// The meter of the journal: <c>orchestrator.journal.commit.duration</c> (seconds per group commit) and
    /// <c>orchestrator.journal.batch.size</c> (commands per group commit).
    /// </summary>
    public const string MeterName = "Orchestrator.Persistence";

    private readonly InMemoryEngineStore _live = new();
    private readonly DefinitionCache _definitions = new();
    private readonly Func<OrchestratorDbContext> _contexts;
    private readonly FeelEngine _feel;
    private readonly KeyAllocator _keys;
    private readonly KeyAllocator _positions;
    private readonly DurableStoreOptions _options;
    private readonly JournalWriter _writer;
    private readonly Dictionary<long, long> _revisions = [];
    private readonly Tracked<ProcessInstance> _instances = new();
    private readonly Tracked<Job> _jobs = new();
    private readonly Tracked<UserTask> _tasks = new();
    private readonly Tracked<Incident> _incidents = new();
    private readonly Tracked<Subscription> _subscriptions = new();
    private readonly Tracked<Message> _messages = new();

    /// <summary>How many instances and processes each message the command was handed had correlated to then (it changes only by adding to those).</summary>
    private readonly Dictionary<long, (int Instances, int Processes)> _messageCorrelations = [];
    private readonly Dictionary<long, Subscription> _removed = [];
    private readonly Dictionary<long, Message> _expired = [];
    private readonly Dictionary<long, string> _quarantined = [];
    private readonly Dictionary<long, string> _unreadable = [];
    private readonly List<HistoryRecord> _history = [];
    private readonly List<DecisionEvaluation> _evaluations = [];
    private readonly Dictionary<long, Predicate> _predicates = [];
    private readonly Dictionary<long, long> _pendingInstances = [];

    /// <summary>
    /// Instances this node ended in a commit on a shared database whose end is not told yet: told once the commit is written, or
    /// — when it was left out and the instance is read again — as the row says it ended (another node may have ended it).
    /// </summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, byte> _untold = new();

    /// <summary>Instances another node wrote history of since this node reserved its block of positions (<see cref="NextPosition"/>).</summary>
    private readonly HashSet<long> _numberedElsewhere = [];

    private const int MaxNumberedElsewhere = 100_000;

    /// <summary>Other nodes' activatable jobs a catch-up brought lately, with when (<see cref="ForeignJobDelay"/>).</summary>
    private readonly Dictionary<long, long> _learnedJobs = [];
    private readonly Dictionary<long, long> _appliedChanges = [];
    private readonly List<ChangeKeys> _deferred = [];
    private readonly Dictionary<long, long> _tombstones = [];
    private long _catchUpGeneration;

    /// <summary>
    /// The context, and its open connection, that the catch-ups read with (one at a time, dozens a second on a busy cluster): a
    /// connection from the pool each time cost a reset of its session on the server and a new context each time.
    /// </summary>
    private OrchestratorDbContext? _catchUpContext;
    private TimeProvider _clock = TimeProvider.System;
    private long _lastSequence;
    private long _feedWatermark;

    [ThreadStatic]
    private static List<long>? t_commits;

    /// <summary>What <see cref="ReadCatchUp"/> read: the changes (those put off before with sequence 0), their rows, and the feed's horizon.</summary>
    public sealed record PreparedCatchUp
    {
        internal PreparedCatchUp(List<(long Sequence, long Transaction, ChangeKeys Keys)> changes, StateRows? rows, long horizon, long settled, long generation) =>
            (Changes, Rows, Horizon, Settled, Generation) = (changes, rows, horizon, settled, generation);

        internal long Settled { get; }

        internal long Generation { get; }

        internal List<(long Sequence, long Transaction, ChangeKeys Keys)> Changes { get; }

        internal StateRows? Rows { get; }

        internal long Horizon { get; }
    }

    /// <summary>Creates the store; call <see cref="Load"/> before the first command.</summary>
    public DurableEngineStore(Func<OrchestratorDbContext> contexts, FeelEngine feel, DurableStoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        options ??= new DurableStoreOptions();
        _contexts = contexts;
        _feel = feel;
        _options = options;
        _keys = new KeyAllocator(contexts, options.NodeId, options.KeyBlockSize);
        _positions = options.Shared ? new KeyAllocator(contexts, DurableStoreOptions.MaxNodeId + 1, options.KeyBlockSize) : _keys;
        _writer = new JournalWriter(contexts, options.MaxBatch, options.Shared ? options.NodeId : null);
        _writer.Faulted += fault => Faulted?.Invoke(fault);
        _writer.Conflicted += () => Conflicted?.Invoke();
        _writer.Settled += () =>
        {
            if (HasDeferredChanges)
            {
                CatchUpWanted?.Invoke();
            }
        };
    }

    private int _deferredCount;

    /// <summary>
    /// Whether the last catch-up put off other nodes' commits (they touched an instance this node had a commit on the way for): the
    /// next catch-up after this node's commits settled reads them again.
    /// </summary>
    public bool HasDeferredChanges => Volatile.Read(ref _deferredCount) > 0;

    /// <summary>
    /// Raised (on the journal's loop) when changes of other nodes that a catch-up put off — they touched instances this node had
    /// commits on the way for — may be read now: catch up again.
    /// </summary>
    public event Action? CatchUpWanted;

    /// <summary>
    /// Raised (on the journal's loop) when commits were left out: until <see cref="Recover"/> runs, memory still holds what they
    /// did, and every commit that builds on it is left out too — recover at once.
    /// </summary>
    public event Action? Conflicted;

    /// <summary>On a shared database: an instance left memory; a catch-up that read it before must not bring it back.</summary>
    private void Bury(long key)
    {
        if (_options.Shared)
        {
            _tombstones[key] = Volatile.Read(ref _catchUpGeneration);
        }
    }

    /// <summary>
    /// Starts counting the commits the calling thread makes (a command run by the host; see <see cref="CommandCommits"/>). A command
    /// run again after a conflict (<paramref name="again"/>) activates only jobs this node created: the other node's jobs it reached
    /// for were most likely activated there first (a node hands out its own jobs the moment they exist).
    /// </summary>
    public static void BeginCommand(bool again = false)
    {
        (t_commits ??= []).Clear();
        t_ownJobsOnly = again;
    }

    [ThreadStatic]
    private static bool t_ownJobsOnly;

    /// <summary>
    /// How long a waiting activation (a long poll, an in-process worker) leaves a job another node created to that node's own
    /// workers, counted from when a catch-up brought it here. A node hands out its jobs the moment they exist, and hears of
    /// another node's lease only at its next catch-up: reaching for the job sooner mostly collides with that lease, and the
    /// collision costs both nodes a wait on the instance's row and the loser its batch.
    /// </summary>
    public static readonly TimeSpan ForeignJobDelay = TimeSpan.FromMilliseconds(100);

    private static readonly AsyncLocal<bool> WaitingActivations = new();

    /// <summary>
    /// Marks the activations the calling flow runs from now on as waiting ones (a long poll, an in-process worker): they take
    /// another node's job only once it has waited <see cref="ForeignJobDelay"/>. An activation that answers at once (no long
    /// poll) takes them at once.
    /// </summary>
    public static void ActivationsWait() => WaitingActivations.Value = true;

    /// <summary>The sequences of the commits the calling thread made since <see cref="BeginCommand"/>.</summary>
    public static IReadOnlyList<long> CommandCommits => t_commits is { } commits ? [.. commits] : [];

    /// <summary>
    /// Completes when commit <paramref name="sequence"/> is in the database; fails with <see cref="CommitConflictException"/> when it was
    /// left out, or <see cref="CommitRefusedException"/> when the database refused a value of it.
    /// </summary>
    public Task WhenDurable(long sequence) => _writer.WhenDurable(sequence);

    /// <summary>Completes when every commit queued so far was written or left out.</summary>
    public async Task WhenSettled()
    {
        try
        {
            await _writer.WhenDurable(_writer.Enqueued).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is CommitConflictException or CommitRefusedException)
        {
            // Left out is settled too.
        }
    }

    /// <summary>Raised when the database refused a write; the process must restart (it reloads what was committed).</summary>
    public event Action<StoreFaultedException>? Faulted;

    /// <summary>
    /// Raised for every instance that ended in a commit — after the commit, or on a shared database once it is written — and for
    /// every instance in memory that a catch-up found ended by another node (be quick: mostly from inside the engine's lock).
    /// </summary>
    public event Action<ProcessInstance>? InstanceEnded;

    /// <summary>How many transactions the writer ran (commands per transaction = commits / this).</summary>
    public long Transactions => _writer.Batches;

    /// <inheritdoc />
    public IDefinitionStore Definitions => _definitions;

    /// <inheritdoc />
    public IEnumerable<ProcessInstance> Instances => _live.Instances;

    /// <inheritdoc />
    public IEnumerable<Job> Jobs => _live.Jobs;

    /// <inheritdoc />
    public IEnumerable<UserTask> UserTasks => _live.UserTasks;

    /// <inheritdoc />
    public IEnumerable<Subscription> Subscriptions => _live.Subscriptions;

    /// <inheritdoc />
    public IEnumerable<Incident> Incidents => _live.Incidents;

    /// <summary>
    /// Reads every deployed definition and all active state from the database (buffered messages still alive by
    /// <paramref name="clock"/>). Nothing stored can stop this: a definition that no longer parses is left out (its version
    /// still counts, and while it is the newest its process has no latest version to start); an instance whose state, or
    /// whose job, task, timer or incident, cannot be read back is quarantined with its whole call tree — left out of memory
    /// with everything of it, given an incident <see cref="QuarantineIncidentType"/> (once) — and the rest loads. An
    /// instance that loads again (after a fix) has that incident resolved.
    /// </summary>
    /// <returns>What was left out, and why.</returns>
    public IReadOnlyList<LoadProblem> Load(TimeProvider? clock = null)
    {
        _clock = clock ?? TimeProvider.System;
        var now = _clock.GetUtcNow();
        using var context = _contexts();
        context.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        if (_options.Shared)
        {
            // Read before the state: whatever commits while it loads is refreshed again by the next catch-up.
            _feedWatermark = ChangeFeed.Horizon(context);
        }

        var loading = new StateLoading(context, _feel, _definitions, _unreadable);
        loading.Run(now);
        foreach (var (instance, revision) in loading.Instances)
        {
            _live.AddInstance(instance);
            _revisions[instance.Key] = revision;
        }

        loading.Jobs.ForEach(_live.AddJob);
        loading.Tasks.ForEach(_live.AddUserTask);
        loading.Incidents.ForEach(_live.AddIncident);
        loading.Subscriptions.ForEach(_live.AddSubscription);
        loading.Messages.ForEach(_live.AddMessage);
        // Messages that expired while no node ran are not loaded, so no purge pass would ever see them. With other nodes running
        // they may still hold them: their purge deletes them through the change feed.
        if (_options.DeleteExpiredMessagesAtLoad)
        {
            context.Messages.Where(m => m.ExpiresAt <= now).ExecuteDelete();
        }
        foreach (var (key, reason) in loading.Quarantined)
        {
            _quarantined[key] = reason;
        }

        Record(loading.Quarantined, loading.LegacyVariables, now);
        return loading.Problems;
    }

    /// <summary>The incident type (as stored) of an instance left out at start-up because its state could not be read.</summary>
    public const string QuarantineIncidentType = "Quarantined";

    /// <summary>The instances start-up left out (quarantined), by key, with why.</summary>
    public IReadOnlyDictionary<long, string> Quarantined => _quarantined;

    /// <summary>
    /// Writes what start-up found: an incident for each newly quarantined instance, the resolution of those that load again,
    /// and variable rows for variables an older version kept only in its snapshots.
    /// </summary>
    private void Record(IReadOnlyDictionary<long, string> quarantined, IReadOnlyList<VariableRow> legacy, DateTimeOffset now)
    {
        using var context = _contexts();
        var open = context.Incidents.Where(i => i.Type == QuarantineIncidentType && i.State == "ACTIVE").ToList();
        foreach (var incident in open.Where(i => !quarantined.ContainsKey(i.ProcessInstanceKey)))
        {
            incident.State = "RESOLVED";
            if (context.ProcessInstances.Find(incident.ProcessInstanceKey) is { } loaded)
            {
                loaded.HasIncident = _live.GetInstance(loaded.Key)?.HasIncident ?? false;
            }
        }

        var marked = open.Select(i => i.ProcessInstanceKey).ToHashSet();
        foreach (var (key, reason) in quarantined.Where(q => !marked.Contains(q.Key)))
        {
            if (context.ProcessInstances.Find(key) is not { } instance)
            {
                continue;
            }

            instance.HasIncident = true;
            context.Incidents.Add(new IncidentRow
            {
                Key = _keys.Next(), Type = QuarantineIncidentType, ProcessInstanceKey = key, ElementInstanceKey = key, ElementId = instance.BpmnProcessId,
                ProcessDefinitionKey = instance.ProcessDefinitionKey, BpmnProcessId = instance.BpmnProcessId, CreationTime = now, State = "ACTIVE",
                ErrorMessage = $"the stored state of this instance could not be read, so it was left out of the engine at start-up: {reason}",
            });
        }

        foreach (var variable in legacy)
        {
            variable.Key = _keys.Next();
            context.Variables.Add(variable);
        }

        context.SaveChanges();
    }

    /// <summary>Completes when every command committed so far is in the database.</summary>
    public Task WhenDurable() => _writer.WhenDurable(_writer.Enqueued);

    /// <summary>Waits until commit <paramref name="sequence"/> was written or left out.</summary>
    private void WaitSettled(long sequence)
    {
        try
        {
            _writer.WhenDurable(sequence).GetAwaiter().GetResult();
        }
        catch (Exception exception) when (exception is CommitConflictException or CommitRefusedException)
        {
            // Left out: the database holds what was there before, which is what the caller reads next.
        }
    }

    /// <inheritdoc />
    public long NextKey() => _keys.Next();

    /// <inheritdoc />
    public long NextPosition(long processInstanceKey)
    {
        if (_numberedElsewhere.Contains(processInstanceKey))
        {
            // Another node wrote history of this instance, from a block reserved before this node's next one.
            _positions.Discard();
        }

        var blocks = _positions.Blocks;
        var position = _positions.Next();
        if (_positions.Blocks != blocks)
        {
            // A block reserved now comes after every block reserved before: it serves every instance caught up on so far.
            _numberedElsewhere.Clear();
        }

        return position;
    }

    /// <inheritdoc />
    public int CountInstances(long processDefinitionKey)
    {
        // Instances a previous command wrote may still be on their way to the database.
        WaitSettled(_lastSequence);
        using var context = _contexts();
        return context.ProcessInstances.AsNoTracking().Count(i => i.ProcessDefinitionKey == processDefinitionKey)
            + _instances.All.Count(i => i.Definition.Key == processDefinitionKey && _instances.IsNew(i.Key));
    }

    /// <inheritdoc />
    public ProcessInstance? GetInstance(long key) => _instances.Touch(_live.GetInstance(key));

    /// <inheritdoc />
    public ProcessInstance? ReadInstance(long key) => _live.GetInstance(key);

    /// <summary>True while an instance is active; a read outside any command that, unlike <see cref="GetInstance"/>, does not mark it for the next commit.</summary>
    public bool IsActive(long processInstanceKey) => _live.GetInstance(processInstanceKey) is { State: LifecycleState.Active };

    /// <inheritdoc />
    public ProcessInstance? FindInstanceOfElement(long elementInstanceKey) => _instances.Touch(_live.FindInstanceOfElement(elementInstanceKey));

    /// <inheritdoc />
    public void AddInstance(ProcessInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        _live.AddInstance(instance);
        _instances.Add(instance);
        if (instance.MessageCorrelationKey is { Length: > 0 } key)
        {
            Claim(PredicateKind.MessageStart, instance.Definition.BpmnProcessId, key);
        }
    }

    /// <inheritdoc />
    public bool HasActiveMessageStartedInstance(string bpmnProcessId, string correlationKey)
    {
        Claim(PredicateKind.MessageStart, bpmnProcessId, correlationKey);
        return _live.HasActiveMessageStartedInstance(bpmnProcessId, correlationKey);
    }

    /// <summary>On a shared database: notes that the command read (or changed) what a predicate covers.</summary>
    private void Claim(PredicateKind kind, string first, string? second)
    {
        if (_options.Shared)
        {
            var predicate = new Predicate(kind, first, second);
            _predicates.TryAdd(predicate.Hash, predicate);
        }
    }

    private void ClaimMessages(Subscription subscription)
    {
        if (subscription.Kind == EventKind.Message && subscription.ProcessInstanceKey is not null && subscription.Name is { } name && subscription.CorrelationKey is { } key)
        {
            Claim(PredicateKind.Message, name, key);
        }
    }

    private void ClaimMessages(Message message)
    {
        if (!message.IsIdOnly)
        {
            Claim(PredicateKind.Message, message.Name, message.CorrelationKey);
        }

        if (message.MessageId is { } id)
        {
            Claim(PredicateKind.MessageId, id, null);
        }
    }

    /// <inheritdoc />
    public Job? GetJob(long key) => _jobs.Touch(_live.GetJob(key));

    /// <inheritdoc />
    public void AddJob(Job job)
    {
        _live.AddJob(job);
        _jobs.Add(job);
    }

    /// <inheritdoc />
    public IEnumerable<Job> ActivatableJobs(string type, DateTimeOffset now)
    {
        var jobs = _live.ActivatableJobs(type, now);
        return (_options.Shared ? OwnFirst(jobs) : jobs).Select(j => _jobs.Touch(j)!);
    }

    /// <summary>
    /// The jobs this node created, oldest first, then the other nodes' jobs, newest first: workers polling several nodes then
    /// seldom reach for the same job (the second commit of a lease would be left out and its activation run again), and each
    /// node's oldest jobs are still handed out first by the node that created them.
    /// </summary>
    private IEnumerable<Job> OwnFirst(IEnumerable<Job> jobs)
    {
        foreach (var job in jobs.Where(j => KeyAllocator.IsOf(j.Key, _options.NodeId)))
        {
            yield return job;
        }

        if (t_ownJobsOnly)
        {
            yield break;
        }

        var others = jobs.Where(j => !KeyAllocator.IsOf(j.Key, _options.NodeId) && !LeftToItsNode(j)).ToList();
        for (var i = others.Count - 1; i >= 0; i--)
        {
            yield return others[i];
        }
    }

    /// <summary>Another node's job a waiting activation leaves alone for now (<see cref="ForeignJobDelay"/>).</summary>
    private bool LeftToItsNode(Job job) =>
        WaitingActivations.Value && _learnedJobs.TryGetValue(job.Key, out var learned) && Stopwatch.GetElapsedTime(learned) < ForeignJobDelay;

    /// <inheritdoc />
    public UserTask? GetUserTask(long key) => _tasks.Touch(_live.GetUserTask(key));

    /// <inheritdoc />
    public void AddUserTask(UserTask task)
    {
        _live.AddUserTask(task);
        _tasks.Add(task);
    }

    /// <inheritdoc />
    public Subscription? GetSubscription(long key) => _subscriptions.Touch(_live.GetSubscription(key));

    /// <inheritdoc />
    public void AddSubscription(Subscription subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        _live.AddSubscription(subscription);
        ClaimMessages(subscription);
        if (_removed.Remove(subscription.Key))
        {
            // Removed and added back in one command (a timer cycle moving to its next due date): an update of its row.
            _subscriptions.Touch(subscription);
        }
        else
        {
            _subscriptions.Add(subscription);
        }
    }

    /// <inheritdoc />
    public void RemoveSubscription(Subscription subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        _live.RemoveSubscription(subscription);
        ClaimMessages(subscription);
        if (!_subscriptions.IsNew(subscription.Key))
        {
            _removed[subscription.Key] = subscription;
            if (subscription.Kind == EventKind.Timer && subscription.ProcessInstanceKey is null)
            {
                // A timer start event belongs to no instance: the claim is that it is still due when this node thought.
                Claim(PredicateKind.StartTimer, subscription.Key.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    subscription.DueDate.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        _subscriptions.Drop(subscription.Key);
    }

    /// <inheritdoc />
    public IEnumerable<Subscription> MessageSubscriptions(string name, string correlationKey)
    {
        Claim(PredicateKind.Message, name, correlationKey);
        return _subscriptions.TouchAll(_live.MessageSubscriptions(name, correlationKey));
    }

    /// <inheritdoc />
    public IEnumerable<Subscription> MessageStartSubscriptions(string name) => _subscriptions.TouchAll(_live.MessageStartSubscriptions(name));

    /// <inheritdoc />
    public IEnumerable<Subscription> SignalSubscriptions(string name) => _subscriptions.TouchAll(_live.SignalSubscriptions(name));

    /// <inheritdoc />
    public IEnumerable<Subscription> DueTimers(DateTimeOffset now) => _subscriptions.TouchAll(_live.DueTimers(now));

    /// <inheritdoc />
    public Message? FindMessageById(string messageId, DateTimeOffset now)
    {
        Claim(PredicateKind.MessageId, messageId, null);
        return TouchMessage(_live.FindMessageById(messageId, now));
    }

    /// <inheritdoc />
    public void AddMessage(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        _live.AddMessage(message);
        _messages.Add(message);
        ClaimMessages(message);
    }

    /// <inheritdoc />
    public IEnumerable<Message> BufferedMessages(string name, string correlationKey, DateTimeOffset now)
    {
        Claim(PredicateKind.Message, name, correlationKey);
        return _live.BufferedMessages(name, correlationKey, now).Select(m => TouchMessage(m)!).ToList();
    }

    private Message? TouchMessage(Message? message)
    {
        if (message is not null)
        {
            _messageCorrelations.TryAdd(message.Key, (message.CorrelatedInstances.Count, message.CorrelatedProcesses.Count));
        }

        return _messages.Touch(message);
    }

    /// <inheritdoc />
    public IEnumerable<Message> ExpiredMessages(DateTimeOffset now) => _live.ExpiredMessages(now);

    /// <inheritdoc />
    public void RemoveMessage(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        _live.RemoveMessage(message);
        ClaimMessages(message);
        if (!_messages.IsNew(message.Key))
        {
            _expired[message.Key] = message;
        }

        _messages.Drop(message.Key);
    }

    /// <inheritdoc />
    public Incident? GetIncident(long key) => _incidents.Touch(_live.GetIncident(key));

    /// <inheritdoc />
    public void AddIncident(Incident incident)
    {
        _live.AddIncident(incident);
        _incidents.Add(incident);
    }

    /// <inheritdoc />
    public void Append(HistoryRecord record) => _history.Add(record);

    /// <inheritdoc />
    public void AddDecisionEvaluation(DecisionEvaluation evaluation) => _evaluations.Add(evaluation);

    /// <inheritdoc />
    public IEnumerable<HistoryRecord> History(long processInstanceKey)
    {
        WaitSettled(_writer.Enqueued);
        using var context = _contexts();
        return HistoryBlocks.Unpack(context.History.AsNoTracking().Where(h => h.ProcessInstanceKey == processInstanceKey).ToList());
    }

    /// <inheritdoc />
    public void Commit()
    {
        var changes = new List<RowChange>();
        changes.AddRange(_definitions.AddedProcesses.Select(d => Insert(RowMapper.ToRow(d), d.Key)));
        changes.AddRange(_definitions.AddedForms.Select(f => Insert(RowMapper.ToRow(f), f.Key)));
        changes.AddRange(_definitions.RemovedProcesses.Select(d => Delete(RowMapper.ToRow(d), d.Key)));
        changes.AddRange(_definitions.RemovedForms.Select(f => Delete(RowMapper.ToRow(f), f.Key)));
        changes.AddRange(_definitions.RemovedProcesses.Select(d => Retired(RetiredVersionRow.Process, d.BpmnProcessId, d.Version)));
        changes.AddRange(_definitions.RemovedForms.Select(f => Retired(RetiredVersionRow.Form, f.FormId, f.Version)));
        foreach (var requirements in _definitions.RemovedDecisionRequirements)
        {
            changes.Add(Delete(RowMapper.ToRow(requirements), requirements.Key));
            changes.Add(Retired(RetiredVersionRow.DecisionRequirements, requirements.DecisionRequirementsId, requirements.Version));
            foreach (var decision in requirements.Decisions)
            {
                changes.Add(Delete(RowMapper.ToRow(decision), decision.Key));
                changes.Add(Retired(RetiredVersionRow.Decision, decision.DecisionId, decision.Version));
            }
        }
        foreach (var requirements in _definitions.AddedDecisionRequirements)
        {
            changes.Add(Insert(RowMapper.ToRow(requirements), requirements.Key));
            changes.AddRange(requirements.Decisions.Select(d => Insert(RowMapper.ToRow(d), d.Key)));
        }

        changes.AddRange(_evaluations.SelectMany(RowMapper.ToRows).Select(row => Insert(row, row.Key)));
        var claims = _options.Shared ? new CommitClaims { Now = _clock.GetUtcNow() } : null;
        var migrated = _history.Where(r => r.ValueType == RecordValueType.Element && r.Intent == RecordIntent.Migrated && r.Key == r.ProcessInstanceKey)
            .Select(r => r.Key).ToHashSet();
        foreach (var instance in _instances.All)
        {
            var row = RowMapper.ToRow(instance);
            var isNew = _instances.IsNew(instance.Key);
            var expected = isNew ? 0 : _revisions[instance.Key];
            row.Revision = instance.Revision = expected + 1;
            _revisions[instance.Key] = row.Revision;
            changes.Add(isNew ? Insert(row, row.Key)
                : migrated.Contains(instance.Key) ? new RowChange(row, RowOp.Update, row.Key, expected)
                : new RowChange(row, RowOp.Patch, row.Key, expected, RowMapper.InstanceProgress));
            if (claims is not null)
            {
                claims.Writes.Add(instance.Key);
                if (isNew)
                {
                    claims.Created.Add(instance.Key);
                    claims.Reads.Add(instance.Definition.Key);
                    if (_definitions.GetLatest(instance.Definition.BpmnProcessId)?.Key == instance.Definition.Key)
                    {
                        // Started from the latest version this node knows: no other node deployed a later one meanwhile.
                        var latest = new Predicate(PredicateKind.LatestVersion, instance.Definition.BpmnProcessId,
                            instance.Definition.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
                        claims.Predicates.TryAdd(latest.Hash, latest);
                    }
                }
                else
                {
                    claims.Revisions[instance.Key] = expected;
                    if (migrated.Contains(instance.Key))
                    {
                        // Migrated: the version it moved to must still be deployed (another node may be undeploying it).
                        claims.Reads.Add(instance.Definition.Key);
                    }
                }
            }
        }

        if (claims is not null)
        {
            Claim(claims, changes);
        }

        changes.AddRange(_jobs.All.Select(j => _jobs.IsNew(j.Key) || migrated.Contains(j.ProcessInstanceKey)
            ? Change(RowMapper.ToRow(j), j.Key, _jobs.IsNew(j.Key))
            : new RowChange(RowMapper.ToLeaseRow(j), RowOp.Patch, j.Key, Patched: RowMapper.JobLease)));
        changes.AddRange(_tasks.All.Select(t => Change(RowMapper.ToRow(t), t.Key, _tasks.IsNew(t.Key))));
        changes.AddRange(_incidents.All.Select(i => Change(RowMapper.ToRow(i), i.Key, _incidents.IsNew(i.Key))));
        changes.AddRange(_subscriptions.All.Select(s => Change(RowMapper.ToRow(s), s.Key, _subscriptions.IsNew(s.Key))));
        changes.AddRange(_removed.Values.Select(s => Delete(RowMapper.ToRow(s), s.Key)));
        changes.AddRange(_messages.All.Select(MessageChange).OfType<RowChange>());
        changes.AddRange(_expired.Values.Select(m => Delete(RowMapper.ToRow(m), m.Key)));
        changes.AddRange(HistoryBlocks.Pack(_history).Select(block => Insert(block, block.Position)));
        foreach (var record in _history)
        {
            if (Project(record) is { } projected)
            {
                changes.Add(projected);
            }

            if (_options.RecordProcessEvents && ProcessEvents.Of(record, _live.GetInstance(record.ProcessInstanceKey)?.Definition.BpmnProcessId) is { } processEvent)
            {
                changes.Add(Insert(processEvent, processEvent.Id));
            }
        }

        if (changes.Count > 0)
        {
            _lastSequence = _writer.Enqueue(changes, claims);
            t_commits?.Add(_lastSequence);
            foreach (var key in claims?.Writes ?? [])
            {
                _pendingInstances[key] = _lastSequence;
            }
        }

        Evict(claims is not null && changes.Count > 0 ? _lastSequence : null);
        Clear();
    }

    /// <summary>
    /// The claims of a commit on a shared database beyond the instances it wrote: an instance whose job, task, incident or
    /// subscription changed has its revision raised (so two nodes never change one instance's state at once), predicates carry
    /// the other nodes' rows this node knows, and deployed or undeployed definitions are what later commits may build on.
    /// </summary>
    private void Claim(CommitClaims claims, List<RowChange> changes)
    {
        var owners = _jobs.All.Select(j => (long?)j.ProcessInstanceKey)
            .Concat(_tasks.All.Select(t => (long?)t.ProcessInstanceKey))
            .Concat(_incidents.All.Select(i => (long?)i.ProcessInstanceKey))
            .Concat(_subscriptions.All.Concat(_removed.Values).Select(s => s.ProcessInstanceKey));
        foreach (var owner in owners.OfType<long>().Distinct())
        {
            if (claims.Writes.Contains(owner) || !_revisions.TryGetValue(owner, out var expected))
            {
                continue;
            }

            var revision = expected + 1;
            _revisions[owner] = revision;
            if (_live.GetInstance(owner) is { } instance)
            {
                instance.Revision = revision;
            }

            var row = new ProcessInstanceRow { Key = owner, BpmnProcessId = "", State = "", Elements = "", Revision = revision };
            changes.Add(new RowChange(row, RowOp.Patch, owner, Patched: [nameof(ProcessInstanceRow.Revision)]));
            claims.Revisions[owner] = expected;
            claims.Writes.Add(owner);
        }

        foreach (var predicate in _predicates.Values)
        {
            switch (predicate.Kind)
            {
                case PredicateKind.Message:
                    predicate.Known.UnionWith(_live.MessageKeys(predicate.First, predicate.Second!));
                    predicate.Known.UnionWith(_removed.Values.Where(r => r.Name == predicate.First && r.CorrelationKey == predicate.Second).Select(r => r.Key));
                    predicate.Known.UnionWith(_expired.Values.Where(m => m.Name == predicate.First && m.CorrelationKey == predicate.Second).Select(m => m.Key));
                    break;
                case PredicateKind.StartTimer:
                    break;
                case PredicateKind.MessageId:
                    predicate.AnyKnown = _live.KnowsMessageId(predicate.First) || _expired.Values.Any(m => m.MessageId == predicate.First);
                    break;
                default:
                    if (_live.MessageStartedInstance(predicate.First, predicate.Second!) is { } started)
                    {
                        predicate.Known.Add(started);
                    }

                    predicate.Known.UnionWith(_instances.All.Where(i => i.MessageCorrelationKey == predicate.Second).Select(i => i.Key));
                    break;
            }

            claims.Predicates[predicate.Hash] = predicate;
            claims.Writes.Add(predicate.Hash);
        }

        claims.Writes.UnionWith(_definitions.AddedProcesses.Select(d => d.Key));
        claims.Writes.UnionWith(_definitions.RemovedProcesses.Select(d => d.Key));
        claims.Removes.UnionWith(_definitions.RemovedProcesses.Select(d => d.Key));
    }

    /// <inheritdoc />
    public void Rollback()
    {
        WaitSettled(_lastSequence);
        using var context = _contexts();
        context.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        _definitions.UndoAdded();
        var touched = new ChangeKeys
        {
            Instances = [.. _instances.All.Select(i => i.Key)],
            Jobs = [.. _jobs.All.Select(j => j.Key)],
            Tasks = [.. _tasks.All.Select(t => t.Key)],
            Incidents = [.. _incidents.All.Select(i => i.Key)],
            Subscriptions = [.. _subscriptions.All.Concat(_removed.Values).Select(s => s.Key)],
        };
        var messages = _messages.All.Concat(_expired.Values).ToDictionary(m => m.Key);
        touched.Messages.UnionWith(messages.Keys);
        Clear();
        Refresh(context, touched, DateTimeOffset.MinValue, key => messages.GetValueOrDefault(key));
    }

    /// <summary>
    /// After commits were left out (<see cref="CommitConflictException"/>): reads again what they wrote, so the commands can run
    /// again on what the database holds once a catch-up brought what the other nodes wrote. Call it while no command runs.
    /// </summary>
    public void Recover(DateTimeOffset now)
    {
        var (stale, poisoned, rejections) = _writer.TakeStale();
        if (!stale.IsEmpty)
        {
            try
            {
                using var context = _contexts();
                context.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
                _definitions.UndoAdded();
                Refresh(context, stale, now, _ => null);
            }
            catch
            {
                // Read them again next time; until then what builds on them stays left out.
                _writer.Restale(stale);
                throw;
            }
        }

        // Another node wrote history of these instances: this node's next positions must come after its.
        _positions.Discard();
        _writer.Cleared(poisoned, _writer.Enqueued, rejections);
    }

    /// <summary>
    /// Reads what other nodes sharing the database committed since the last catch-up (<see cref="DurableStoreOptions.Shared"/>): the
    /// change feed and the rows of the state their transactions touched, while commands run; <see cref="ApplyCatchUp"/> puts it into
    /// memory. One catch-up at a time.
    /// </summary>
    public PreparedCatchUp? ReadCatchUp()
    {
        if (!_options.Shared)
        {
            return null;
        }

        // First: a commit of this node settled later than this is on the way for what the rows below show.
        var started = Stopwatch.GetTimestamp();
        var settled = _writer.SettledSequence;
        var generation = Interlocked.Increment(ref _catchUpGeneration);
        var context = _catchUpContext ??= _contexts();
        try
        {
            var (rows, horizon) = ChangeFeed.Read(context, _feedWatermark, _options.NodeId);
            var changes = _deferred.Select(keys => (Sequence: 0L, Transaction: 0L, Keys: keys))
                .Concat(rows.Where(r => !_appliedChanges.ContainsKey(r.Sequence)).Select(r => (r.Sequence, r.Transaction, Keys: ChangeKeys.FromJson(r.Keys))))
                .ToList();
            var keys = new ChangeKeys();
            changes.ForEach(c => keys.Add(c.Keys));
            var prepared = new PreparedCatchUp(changes, keys.IsEmpty ? null : StateRows.Read(context, keys), horizon, settled, generation);
            JournalMetrics.CaughtUp("read", Stopwatch.GetElapsedTime(started));
            return prepared;
        }
        catch
        {
            // The connection may be broken: the next catch-up opens a new one.
            _catchUpContext = null;
            context.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Puts what <see cref="ReadCatchUp"/> read into memory; call it while no command runs. A change that touched an instance this
    /// node has a commit on the way for, or changed since the read, is put off to the next catch-up (reading it again then):
    /// the rows read could otherwise overwrite this node's newer state.
    /// </summary>
    /// <returns>What the other nodes did that this node's waiters care about.</returns>
    public CaughtUp ApplyCatchUp(PreparedCatchUp? prepared, DateTimeOffset now)
    {
        if (prepared is null)
        {
            return CaughtUp.Nothing;
        }

        var started = Stopwatch.GetTimestamp();
        foreach (var (key, _) in _pendingInstances.Where(p => p.Value <= prepared.Settled).ToList())
        {
            _pendingInstances.Remove(key);
        }

        // Blocked: instances with a commit of this node that had not settled when the rows were read, instances this node holds at a
        // later revision than read, and instances that left memory since the read (ended here, or found ended by a refresh).
        var blocked = _pendingInstances.Keys.ToHashSet();
        blocked.UnionWith(_tombstones.Where(t => t.Value >= prepared.Generation - 1).Select(t => t.Key));
        foreach (var row in prepared.Rows?.Instances.Values ?? Enumerable.Empty<ProcessInstanceRow>())
        {
            if (_revisions.TryGetValue(row.Key, out var revision) && revision > row.Revision)
            {
                blocked.Add(row.Key);
            }
        }

        var deferred = new List<ChangeKeys>();
        var keys = new ChangeKeys();
        foreach (var (_, _, change) in prepared.Changes)
        {
            if (change.Instances.Overlaps(blocked))
            {
                deferred.Add(change);
            }
            else
            {
                keys.Add(change);
            }
        }

        var caught = new CaughtUp();
        if (!keys.IsEmpty)
        {
            // Another node numbered history of these instances: this node's next positions for them must come after its.
            _numberedElsewhere.UnionWith(keys.Instances);
            if (_numberedElsewhere.Count > MaxNumberedElsewhere)
            {
                // A node that writes no history for long: its next position takes a new block instead.
                _positions.Discard();
                _numberedElsewhere.Clear();
            }

            if (keys.TouchesDefinitions)
            {
                using var context = _contexts();
                context.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
                RefreshDefinitions(context, keys);
            }

            Apply(keys, prepared.Rows!.For(keys), caught, _ => null, now);
            caught.ClockChanged = keys.ClockChanged;
            caught.ClockPinned = keys.ClockPinned;
        }

        // Only once applied: a catch-up that failed reads the same changes again.
        _deferred.Clear();
        _deferred.AddRange(deferred);
        Volatile.Write(ref _deferredCount, _deferred.Count);
        foreach (var (sequence, transaction, _) in prepared.Changes.Where(c => c.Sequence > 0))
        {
            _appliedChanges.TryAdd(sequence, transaction);
        }

        _feedWatermark = prepared.Horizon;
        foreach (var (sequence, _) in _appliedChanges.Where(a => a.Value < prepared.Horizon).ToList())
        {
            _appliedChanges.Remove(sequence);
        }

        // A read that started after an instance left memory saw that it left.
        foreach (var (key, _) in _tombstones.Where(t => t.Value < prepared.Generation).ToList())
        {
            _tombstones.Remove(key);
        }

        JournalMetrics.CaughtUp("apply", Stopwatch.GetElapsedTime(started));
        return keys.IsEmpty ? CaughtUp.Nothing : caught;
    }

    /// <summary>Deletes change feed entries older than <paramref name="before"/>.</summary>
    public async Task TrimChangesAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var context = _contexts();
        await context.Changes.Where(c => c.At < before).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the state of <paramref name="keys"/> again from the tables: what is active comes back into memory, what ended leaves it.</summary>
    private CaughtUp Refresh(OrchestratorDbContext context, ChangeKeys keys, DateTimeOffset now, Func<long, Message?> knownMessage)
    {
        var result = new CaughtUp();
        RefreshDefinitions(context, keys);
        Apply(keys, StateRows.Read(context, keys), result, knownMessage, now);
        return result;
    }

    /// <summary>Reads the definitions, forms and decision models of <paramref name="keys"/> again: deployed ones come into memory, undeployed ones leave.</summary>
    private void RefreshDefinitions(OrchestratorDbContext context, ChangeKeys keys)
    {
        var deployed = keys.Definitions.Where(k => _definitions.GetByKey(k) is null).ToList();
        if (deployed.Count > 0)
        {
            new StateLoading(context, _feel, _definitions, _unreadable)
                .ReadDefinitions([.. context.ProcessDefinitions.Where(d => deployed.Contains(d.Key)).OrderBy(d => d.Key)]);
        }

        var forms = keys.Forms.Count == 0 ? [] : context.Forms.Where(f => keys.Forms.Contains(f.Key)).ToList();
        foreach (var row in forms)
        {
            _definitions.Load(RowMapper.FromRow(row));
        }

        // A key another node touched whose row is gone was undeployed there.
        var undeployed = keys.Definitions.Except(deployed).Select(_definitions.GetByKey).OfType<ProcessDefinition>().ToList();
        var stillThere = undeployed.Count == 0 ? [] : context.ProcessDefinitions.Where(d => keys.Definitions.Contains(d.Key)).Select(d => d.Key).ToHashSet();
        foreach (var definition in undeployed.Where(d => !stillThere.Contains(d.Key)))
        {
            _definitions.Forget(definition);
        }

        foreach (var form in keys.Forms.Except(forms.Select(f => f.Key)).Select(_definitions.GetForm).OfType<FormDefinition>().ToList())
        {
            _definitions.Forget(form);
        }

        if (keys.DecisionRequirements.Count > 0)
        {
            var stored = new StateLoading(context, _feel, _definitions, _unreadable).ReadDecisions(keys.DecisionRequirements);
            // A model another node touched whose row is gone was undeployed there.
            foreach (var gone in _definitions.DecisionRequirements.Where(r => keys.DecisionRequirements.Contains(r.Key) && !stored.Contains(r.Key)).ToList())
            {
                _definitions.Forget(gone);
            }
        }

    }

    /// <summary>
    /// Puts the rows read for <paramref name="keys"/> into memory: what is active comes back, what ended leaves. Call it while no
    /// command runs; the rows may have been read before (<see cref="ReadCatchUp"/> reads while commands run).
    /// </summary>
    private void Apply(ChangeKeys keys, StateRows rows, CaughtUp result, Func<long, Message?> knownMessage, DateTimeOffset now)
    {
        var instances = rows.Instances;
        var variables = rows.Variables;
        foreach (var key in keys.Instances)
        {
            var untold = _untold.TryRemove(key, out _);
            var known = _live.GetInstance(key);
            if (known is not null)
            {
                _live.Forget(known);
            }

            _revisions.Remove(key);
            if (known is not null && (!instances.TryGetValue(key, out var stored) || stored.State != "ACTIVE"))
            {
                Bury(key);
            }
            if (!instances.TryGetValue(key, out var row))
            {
                continue;
            }

            try
            {
                if (row.State == "ACTIVE")
                {
                    _live.AddInstance(RowMapper.FromRow(row, Definition(row.ProcessDefinitionKey), variables[key]));
                    _revisions[key] = row.Revision;
                }
                else if (known is not null || untold)
                {
                    InstanceEnded?.Invoke(RowMapper.FromRow(row, Definition(row.ProcessDefinitionKey), rows.EndedVariables[key]));
                }
            }
            catch (Exception exception) when (exception is not (OutOfMemoryException or OperationCanceledException))
            {
                _quarantined[key] = exception.Message;
            }
        }

        foreach (var key in keys.Jobs)
        {
            if (_live.GetJob(key) is { } known)
            {
                _live.Forget(known);
            }
        }

        // Foreign jobs learned long enough ago are ripe whether listed or not.
        foreach (var (key, _) in _learnedJobs.Where(l => Stopwatch.GetElapsedTime(l.Value) >= ForeignJobDelay).ToList())
        {
            _learnedJobs.Remove(key);
        }

        foreach (var row in rows.Jobs)
        {
            if (row.State != nameof(JobState.Completed) && row.State != nameof(JobState.Canceled) && !_quarantined.ContainsKey(row.ProcessInstanceKey))
            {
                var job = RowMapper.FromRow(row, Definition(row.ProcessDefinitionKey));
                _live.AddJob(job);
                if (KeyAllocator.IsOf(job.Key, _options.NodeId))
                {
                    result.JobTypes.Add(job.Type);
                }
                else
                {
                    _learnedJobs[job.Key] = Stopwatch.GetTimestamp();
                    result.ForeignJobTypes.Add(job.Type);
                }
            }
        }

        // Tasks this node already knew open (not still being created by their listeners) were announced before.
        var knownTasks = new HashSet<long>();
        foreach (var key in keys.Tasks)
        {
            if (_live.GetUserTask(key) is { } known)
            {
                _live.Forget(known);
                if (known.State != UserTaskState.Creating)
                {
                    knownTasks.Add(key);
                }
            }
        }

        foreach (var row in rows.Tasks)
        {
            if (!_quarantined.ContainsKey(row.ProcessInstanceKey))
            {
                var task = RowMapper.FromRow(row, Definition(row.ProcessDefinitionKey));
                _live.AddUserTask(task);
                if (!knownTasks.Contains(task.Key) && task.State != UserTaskState.Creating)
                {
                    result.CreatedTasks.Add(task);
                }
            }
        }

        foreach (var key in keys.Incidents)
        {
            if (_live.GetIncident(key) is { } known)
            {
                _live.Forget(known);
            }
        }

        foreach (var row in rows.Incidents)
        {
            _live.AddIncident(RowMapper.FromRow(row, Definition(row.ProcessDefinitionKey)));
        }

        foreach (var key in keys.Subscriptions)
        {
            if (_live.GetSubscription(key) is { } known)
            {
                _live.RemoveSubscription(known);
                if (known.Kind == EventKind.Timer)
                {
                    result.EndedTimers.Add(key);
                }
            }
        }

        foreach (var row in rows.Subscriptions)
        {
            var subscription = RowMapper.FromRow(row, Definition(row.ProcessDefinitionKey));
            _live.AddSubscription(subscription);
            if (subscription.Kind == EventKind.Timer)
            {
                result.EndedTimers.Remove(subscription.Key);
                result.Timers.Add((subscription.Key, subscription.DueDate));
            }
        }

        var messages = rows.Messages;
        foreach (var key in keys.Messages)
        {
            var known = knownMessage(key) ?? _live.GetMessage(key);
            if (known is not null)
            {
                _live.Forget(known);
            }

            if (messages.TryGetValue(key, out var row) && row.ExpiresAt > now)
            {
                _live.AddMessage(RowMapper.FromRow(row));
            }
        }

    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _writer.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            if (Interlocked.Exchange(ref _catchUpContext, null) is { } context)
            {
                await context.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private ProcessDefinition Definition(long key) => StateLoading.Definition(_definitions, _unreadable, key);

    private static RowChange Insert(object row, object id) => new(row, RowOp.Insert, id);

    private static RowChange Delete(object row, object id) => new(row, RowOp.Delete, id);

    private static RowChange Retired(string kind, string id, int version) =>
        Insert(new RetiredVersionRow { Kind = kind, Id = id, Version = version }, (kind, id, version));

    private static RowChange Change(object row, object id, bool isNew) => new(row, isNew ? RowOp.Insert : RowOp.Update, id);

    /// <summary>
    /// A buffered message's row, if the command added it or correlated it: an update checks the revision read (another node may
    /// have correlated it meanwhile). A message only looked at is not written, so it conflicts with no other node's command.
    /// </summary>
    private RowChange? MessageChange(Message message)
    {
        if (_messages.IsNew(message.Key))
        {
            return Insert(RowMapper.ToRow(message), message.Key);
        }

        if (_messageCorrelations.TryGetValue(message.Key, out var before)
            && before == (message.CorrelatedInstances.Count, message.CorrelatedProcesses.Count))
        {
            return null;
        }

        var expected = message.Revision++;
        return new RowChange(RowMapper.ToRow(message), RowOp.Update, message.Key, expected);
    }

    /// <summary>The element-instance and variable tables are projections of the history.</summary>
    private RowChange? Project(HistoryRecord record)
    {
        switch (record.ValueType, record.Intent)
        {
            case (RecordValueType.Element, RecordIntent.ElementActivating):
            case (RecordValueType.Element, RecordIntent.ElementActivated) when record.Detail == "MULTI_INSTANCE_BODY":
                var definition = _live.GetInstance(record.ProcessInstanceKey)?.Definition;
                var node = definition is null || record.ElementId is null ? null
                    : definition.Model.Elements.GetValueOrDefault(record.ElementId) ?? (definition.Model.Root.Id == record.ElementId ? definition.Model.Root : null);
                var row = new ElementInstanceRow
                {
                    Key = record.Key, ProcessInstanceKey = record.ProcessInstanceKey, ProcessDefinitionKey = definition?.Key ?? 0,
                    BpmnProcessId = definition?.BpmnProcessId ?? "", ElementId = record.ElementId ?? "", ElementName = node?.Name,
                    Type = RecordNames.Upper(record.Detail ?? "UNSPECIFIED"), State = "ACTIVE",
                    StartDate = record.Timestamp,
                };
                return record.Intent == RecordIntent.ElementActivating ? Insert(row, row.Key) : new RowChange(row, RowOp.Patch, row.Key, Patched: [nameof(ElementInstanceRow.Type)]);
            case (RecordValueType.Element, RecordIntent.ElementCompleted or RecordIntent.ElementTerminated):
                var ended = new ElementInstanceRow
                {
                    Key = record.Key, BpmnProcessId = "", ElementId = "", Type = "",
                    State = record.Intent == RecordIntent.ElementCompleted ? "COMPLETED" : "TERMINATED", EndDate = record.Timestamp,
                };
                return new RowChange(ended, RowOp.Patch, ended.Key, Patched: [nameof(ElementInstanceRow.State), nameof(ElementInstanceRow.EndDate)]);
            case (RecordValueType.Element, RecordIntent.Migrated):
                // The element instance continues as an element of the definition the instance was migrated to.
                var target = _live.GetInstance(record.ProcessInstanceKey)?.Definition;
                var targetNode = target is null || record.ElementId is null ? null
                    : target.Model.Elements.GetValueOrDefault(record.ElementId) ?? (target.Model.Root.Id == record.ElementId ? target.Model.Root : null);
                var migrated = new ElementInstanceRow
                {
                    Key = record.Key, ProcessDefinitionKey = target?.Key ?? 0, BpmnProcessId = target?.BpmnProcessId ?? "",
                    ElementId = record.ElementId ?? "", ElementName = targetNode?.Name, Type = "", State = "ACTIVE",
                };
                return new RowChange(migrated, RowOp.Patch, migrated.Key, Patched:
                [
                    nameof(ElementInstanceRow.ProcessDefinitionKey), nameof(ElementInstanceRow.BpmnProcessId),
                    nameof(ElementInstanceRow.ElementId), nameof(ElementInstanceRow.ElementName),
                ]);
            case (RecordValueType.Variable, RecordIntent.Created):
                var variable = new VariableRow
                {
                    ScopeKey = record.Key, Name = record.ElementId!, Key = record.Position, ProcessInstanceKey = record.ProcessInstanceKey, Value = record.Detail ?? "null",
                };
                return Insert(variable, (variable.ScopeKey, variable.Name));
            case (RecordValueType.Variable, RecordIntent.Updated):
                var updated = new VariableRow { ScopeKey = record.Key, Name = record.ElementId!, Value = record.Detail ?? "null" };
                return new RowChange(updated, RowOp.Patch, (updated.ScopeKey, updated.Name), Patched: [nameof(VariableRow.Value)]);
            default:
                return null;
        }
    }

    /// <summary>
    /// Whether <paramref name="instance"/> ended and that end was told (<see cref="InstanceEnded"/>): not when its commit is on
    /// the way or was left out, nor when reading the instance again brought it back active. Call it while no command runs.
    /// </summary>
    public bool EndTold(ProcessInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return instance.State != LifecycleState.Active && !_untold.ContainsKey(instance.Key) && _live.GetInstance(instance.Key) is null;
    }

    private async Task TellEndedWhenWrittenAsync(long sequence, List<ProcessInstance> ended)
    {
        try
        {
            await _writer.WhenDurable(sequence).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is CommitConflictException or CommitRefusedException or StoreFaultedException)
        {
            // Left out: the command runs again and ends them again, or reading them again finds how they ended (Apply tells
            // that). Never written: the server restarts.
            return;
        }

        foreach (var instance in ended.Where(i => _untold.TryRemove(i.Key, out _)))
        {
            InstanceEnded?.Invoke(instance);
        }
    }

    /// <summary>
    /// Lets go of what the command ended. On a shared database the end is told (<see cref="InstanceEnded"/>) once commit
    /// <paramref name="checkedCommit"/> is written: if its claims fail, the command runs again and ends the instance again,
    /// maybe otherwise, and a waiter must hear of that end, not this one.
    /// </summary>
    private void Evict(long? checkedCommit)
    {
        var ended = _instances.All.Where(i => i.State != LifecycleState.Active).ToList();
        foreach (var instance in ended)
        {
            _live.Forget(instance);
            _revisions.Remove(instance.Key);
            Bury(instance.Key);
        }

        if (checkedCommit is { } sequence && ended.Count > 0)
        {
            ended.ForEach(instance => _untold[instance.Key] = 0);
            _ = TellEndedWhenWrittenAsync(sequence, ended);
        }
        else
        {
            ended.ForEach(instance => InstanceEnded?.Invoke(instance));
        }

        foreach (var job in _jobs.All.Where(j => j.State is JobState.Completed or JobState.Canceled))
        {
            _live.Forget(job);
        }

        foreach (var task in _tasks.All.Where(t => !t.IsOpen))
        {
            _live.Forget(task);
        }

        foreach (var incident in _incidents.All.Where(i => i.State != LifecycleState.Active))
        {
            _live.Forget(incident);
        }
    }

    private void Clear()
    {
        _instances.Clear();
        _jobs.Clear();
        _tasks.Clear();
        _incidents.Clear();
        _subscriptions.Clear();
        _messages.Clear();
        _messageCorrelations.Clear();
        _expired.Clear();
        _removed.Clear();
        _history.Clear();
        _evaluations.Clear();
        _predicates.Clear();
        _definitions.ClearAdded();
    }
}
