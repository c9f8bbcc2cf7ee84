using Orchestrator.Engine.State;

namespace Orchestrator.Engine.Ports;

/// <summary>
/// Where the engine keeps its state. The engine calls it from one command at a time per instance and
/// ends every command with <see cref="Commit"/> (or <see cref="Rollback"/> when the command failed), so a
/// durable implementation writes all of a command's changes in one transaction. Objects handed out
/// are the live state: the engine changes them and the store persists them at commit.
/// </summary>
public interface IEngineStore
{
    /// <summary>Deployed process versions and forms.</summary>
    IDefinitionStore Definitions { get; }

    /// <summary>Makes a new key, unique across nodes.</summary>
    long NextKey();

    /// <summary>A process instance by key, with its active element instances.</summary>
    ProcessInstance? GetInstance(long key);

    /// <summary>
    /// A process instance by key that the command only reads and promises not to change, so a durable store need not
    /// write it back (a job activation reads the variables its job sees and changes only the job).
    /// </summary>
    ProcessInstance? ReadInstance(long key);

    /// <summary>Registers a new process instance.</summary>
    void AddInstance(ProcessInstance instance);

    /// <summary>The active instance that holds an active element instance, if any.</summary>
    ProcessInstance? FindInstanceOfElement(long elementInstanceKey);

    /// <summary>True while an instance of the process started by a message with this correlation key is active (message start events start one at a time per key).</summary>
    bool HasActiveMessageStartedInstance(string bpmnProcessId, string correlationKey);

    /// <summary>How many instances of a process version exist, running or finished.</summary>
    int CountInstances(long processDefinitionKey);

    /// <summary>All instances (for queries and tests).</summary>
    IEnumerable<ProcessInstance> Instances { get; }

    /// <summary>A job by key.</summary>
    Job? GetJob(long key);

    /// <summary>Registers a new job.</summary>
    void AddJob(Job job);

    /// <summary>Jobs of a type that a worker may activate now, oldest first.</summary>
    IEnumerable<Job> ActivatableJobs(string type, DateTimeOffset now);

    /// <summary>All jobs.</summary>
    IEnumerable<Job> Jobs { get; }

    /// <summary>A user task by key.</summary>
    UserTask? GetUserTask(long key);

    /// <summary>Registers a new user task.</summary>
    void AddUserTask(UserTask task);

    /// <summary>All user tasks.</summary>
    IEnumerable<UserTask> UserTasks { get; }

    /// <summary>A timer, message or signal subscription by key.</summary>
    Subscription? GetSubscription(long key);

    /// <summary>Registers a subscription.</summary>
    void AddSubscription(Subscription subscription);

    /// <summary>Drops a subscription that ended.</summary>
    void RemoveSubscription(Subscription subscription);

    /// <summary>Open message subscriptions of instances for a name and correlation key.</summary>
    IEnumerable<Subscription> MessageSubscriptions(string name, string correlationKey);

    /// <summary>Message start events of the latest process versions for a name.</summary>
    IEnumerable<Subscription> MessageStartSubscriptions(string name);

    /// <summary>Signal subscriptions (catch events and start events) for a name.</summary>
    IEnumerable<Subscription> SignalSubscriptions(string name);

    /// <summary>Timers due at or before <paramref name="now"/>, earliest first.</summary>
    IEnumerable<Subscription> DueTimers(DateTimeOffset now);

    /// <summary>All active subscriptions.</summary>
    IEnumerable<Subscription> Subscriptions { get; }

    /// <summary>A buffered message with this message id, if one is still alive.</summary>
    Message? FindMessageById(string messageId, DateTimeOffset now);

    /// <summary>Buffers a message until it expires.</summary>
    void AddMessage(Message message);

    /// <summary>Buffered, unexpired messages for a name and correlation key, oldest first.</summary>
    IEnumerable<Message> BufferedMessages(string name, string correlationKey, DateTimeOffset now);

    /// <summary>Buffered messages whose time-to-live ran out at or before <paramref name="now"/>, earliest expiry first.</summary>
    IEnumerable<Message> ExpiredMessages(DateTimeOffset now);

    /// <summary>Drops a buffered message (it expired).</summary>
    void RemoveMessage(Message message);

    /// <summary>An incident by key.</summary>
    Incident? GetIncident(long key);

    /// <summary>Registers an incident.</summary>
    void AddIncident(Incident incident);

    /// <summary>All incidents.</summary>
    IEnumerable<Incident> Incidents { get; }

    /// <summary>Records a decision evaluation for audit (written with the command's other changes).</summary>
    void AddDecisionEvaluation(DecisionEvaluation evaluation);

    /// <summary>Appends to the history.</summary>
    void Append(HistoryRecord record);

    /// <summary>The next history position, for a record of <paramref name="processInstanceKey"/>: after every position its records have.</summary>
    long NextPosition(long processInstanceKey);

    /// <summary>An instance's history in order.</summary>
    IEnumerable<HistoryRecord> History(long processInstanceKey);

    /// <summary>Ends a command: everything it changed becomes durable together.</summary>
    void Commit();

    /// <summary>Ends a command that failed: nothing it changed may remain.</summary>
    void Rollback();
}
