using Orchestrator.Engine.Model;
using Orchestrator.Feel.Values;

namespace Orchestrator.Engine.State;

/// <summary>
/// An active element of a process instance: a token resting in (or passing through) a flow node,
/// or a scope (the process, a subprocess, a multi-instance body) holding others. Only active
/// element instances are kept on the instance; history records the rest.
/// </summary>
public sealed class ElementInstance
{
    // What few element instances need (incidents, multi-instance, joins, interrupts, called instances, compensation, ad-hoc)
    // lives in one object made on first use: most element instances are a task or an event, and an instance has many.
    private Rare? _rare;
    private FlowNode _node = null!;

    /// <summary>The unique key.</summary>
    public required long Key { get; init; }

    /// <summary>The flow node (the target's, once the instance was migrated).</summary>
    public required FlowNode Node { get => _node; init => _node = value; }

    /// <summary>The element instance of the enclosing scope; null for the process itself.</summary>
    public required ElementInstance? Scope { get; init; }

    /// <summary>The local variables of this scope.</summary>
    public Dictionary<string, FeelValue>? Variables { get; set; }

    /// <summary>How many element instances are active directly inside this scope.</summary>
    public int ActiveChildren { get; set; }

    /// <summary>The step to run again when an incident on this element is resolved.</summary>
    public PendingStep PendingStep { get; set; }

    /// <summary>The open incident on this element, if any.</summary>
    public long? IncidentKey
    {
        get => _rare?.IncidentKey;
        set => RareWhen(value is not null)?.IncidentKey = value;
    }

    /// <summary>The job this element waits for, if any.</summary>
    public long? JobKey { get; set; }

    /// <summary>The user task this element waits for, if any.</summary>
    public long? UserTaskKey { get; set; }

    /// <summary>The child process instance of a call activity, if any.</summary>
    public long? CalledInstanceKey
    {
        get => _rare?.CalledInstanceKey;
        set => RareWhen(value is not null)?.CalledInstanceKey = value;
    }

    /// <summary>Timers, message and signal subscriptions owned by this element (its own catch, boundary events, event-subprocess starts).</summary>
    public List<long>? Subscriptions { get; set; }

    /// <summary>For a multi-instance body: the collection being iterated.</summary>
    public FeelList? LoopItems
    {
        get => _rare?.LoopItems;
        set => RareWhen(value is not null)?.LoopItems = value;
    }

    /// <summary>For a multi-instance body: how many inner instances were started.</summary>
    public int LoopStarted
    {
        get => _rare?.LoopStarted ?? 0;
        set => RareWhen(value != 0)?.LoopStarted = value;
    }

    /// <summary>For a multi-instance body: how many inner instances completed.</summary>
    public int LoopCompleted
    {
        get => _rare?.LoopCompleted ?? 0;
        set => RareWhen(value != 0)?.LoopCompleted = value;
    }

    /// <summary>For a multi-instance inner instance: its 1-based loop counter; 0 otherwise.</summary>
    public int LoopCounter
    {
        get => _rare?.LoopCounter ?? 0;
        set => RareWhen(value != 0)?.LoopCounter = value;
    }

    /// <summary>True for the multi-instance body (the element the loop is attached to); its inner instances have false.</summary>
    public bool IsMultiInstanceBody { get; set; }

    /// <summary>For scopes: how many tokens arrived on each incoming flow of each joining gateway, by gateway id.</summary>
    public Dictionary<string, int[]>? Joins
    {
        get => _rare?.Joins;
        set => RareWhen(value is not null)?.Joins = value;
    }

    /// <summary>
    /// The element is being terminated and waits for its own work to end (a user task's canceling listeners, a called
    /// instance's termination) or for children that wait so; it leaves once nothing is left.
    /// </summary>
    public bool Terminating
    {
        get => _rare?.Terminating ?? false;
        set => RareWhen(value)?.Terminating = value;
    }

    /// <summary>What goes on once a termination that waits is done (see <see cref="TerminationThen"/>).</summary>
    public TerminationThen? AfterTermination
    {
        get => _rare?.AfterTermination;
        set => RareWhen(value is not null)?.AfterTermination = value;
    }

    /// <summary>Variables to hand to the interrupting event once the element has terminated.</summary>
    public Dictionary<string, FeelValue>? InterruptVariables
    {
        get => _rare?.InterruptVariables;
        set => RareWhen(value is not null)?.InterruptVariables = value;
    }

    /// <summary>For an ad-hoc subprocess that waits for its remaining inner elements, or a multi-instance body an inner instance of which is completing: its completion condition held.</summary>
    public bool CompletionConditionMet
    {
        get => _rare?.CompletionConditionMet ?? false;
        set => RareWhen(value)?.CompletionConditionMet = value;
    }

    /// <summary>For a compensation handler: the compensation throw or end event that started it and waits for it.</summary>
    public long? CompensationThrowKey
    {
        get => _rare?.CompensationThrowKey;
        set => RareWhen(value is not null)?.CompensationThrowKey = value;
    }

    /// <summary>For event-based gateways and catch events: the event that triggered, once it did.</summary>
    public FlowNode? TriggeredBy
    {
        get => _rare?.TriggeredBy;
        set => RareWhen(value is not null)?.TriggeredBy = value;
    }

    /// <summary>While the element's execution listeners of one event run (one job at a time, in model order): how many are done.</summary>
    public int ListenerIndex
    {
        get => _rare?.ListenerIndex ?? 0;
        set => RareWhen(value != 0)?.ListenerIndex = value;
    }

    /// <summary>For a process started at a message, timer or signal start event: that event, activated once the start listeners are done (null: the none start).</summary>
    public FlowNode? PendingStart
    {
        get => _rare?.PendingStart;
        set => RareWhen(value is not null)?.PendingStart = value;
    }

    /// <summary>For a user task: the change its task listeners are deciding, while they run.</summary>
    public UserTaskTransition? TaskTransition
    {
        get => _rare?.TaskTransition;
        set => RareWhen(value is not null)?.TaskTransition = value;
    }

    internal void MigrateTo(FlowNode node) => _node = node;

    /// <summary>The rare part, made when a value other than the default is stored; null while there is none and none is needed.</summary>
    private Rare? RareWhen(bool needed) => _rare ?? (needed ? _rare = new Rare() : null);

    private sealed class Rare
    {
        public long? IncidentKey { get; set; }

        public long? CalledInstanceKey { get; set; }

        public FeelList? LoopItems { get; set; }

        public int LoopStarted { get; set; }

        public int LoopCompleted { get; set; }

        public int LoopCounter { get; set; }

        public Dictionary<string, int[]>? Joins { get; set; }

        public bool Terminating { get; set; }

        public TerminationThen? AfterTermination { get; set; }

        public Dictionary<string, FeelValue>? InterruptVariables { get; set; }

        public bool CompletionConditionMet { get; set; }

        public long? CompensationThrowKey { get; set; }

        public FlowNode? TriggeredBy { get; set; }

        public int ListenerIndex { get; set; }

        public FlowNode? PendingStart { get; set; }

        public UserTaskTransition? TaskTransition { get; set; }
    }
}
